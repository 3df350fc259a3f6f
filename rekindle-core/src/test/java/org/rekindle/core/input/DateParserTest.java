package org.rekindle.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.time.api.constraints.DateRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateParserTest {
  private static final DateParser ISO =
      DateParser.detect(List.of("2000-01-01"), Optional.empty(), Optional.empty(), "date", "t");
  private static final DateParser BASIC =
      DateParser.detect(List.of("20000101"), Optional.empty(), Optional.empty(), "date", "t");

  private static int parse(DateParser parser, String text) {
    return parser.parse(text.toCharArray(), 0, text.length());
  }

  @Property
  void parse_anyDate_givesItsEpochDayInIsoAndBasicForm(
      @ForAll @DateRange(min = "1800-01-01", max = "2299-12-31") LocalDate date) {
    assertThat(parse(ISO, date.toString())).isEqualTo(date.toEpochDay());
    assertThat(parse(BASIC, date.toString().replace("-", ""))).isEqualTo(date.toEpochDay());
    assertThat(parse(ISO, date + "T12:00:00Z")).isEqualTo(date.toEpochDay());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1997-1-01",
        "1997-01-1",
        "1997/01/01",
        "1997-13-01",
        "1997-00-10",
        "1997-02-29",
        "1900-02-29",
        "1997-04-31",
        "1997-01-01X",
        "1997-01-01T",
        "1997-01-01T24:00",
        "1997-01-01T10:60",
        "1997-01-01T10:00:61",
        "1997-01-01T10:00:00.",
        "1997-01-01T10:00:00+19:00",
        "1997-01-01T10:00:00+01:0",
        "1997-01-01T10:00:00ZZ",
        "97-01-01"
      })
  void parse_invalidIsoText_isInvalid(String text) {
    assertThat(parse(ISO, text)).isEqualTo(DateParser.INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2000-02-29", "1997-01-01t10:00", "1997-01-01 10:00:00,5-03"})
  void parse_validIsoText_isRead(String text) {
    assertThat(parse(ISO, text)).isNotEqualTo(DateParser.INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1997010", "199701011", "19971301", "1997-01-01", "19970230"})
  void parse_invalidBasicText_isInvalid(String text) {
    assertThat(parse(BASIC, text)).isEqualTo(DateParser.INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1997-01-01", "1997-01-01 10:00", "19970101"})
  void detect_isoOrBasicSamples_areRecognised(String sample) {
    DateParser parser =
        DateParser.detect(List.of("junk", sample), Optional.empty(), Optional.empty(), "d", "t");

    assertThat(parse(parser, sample)).isEqualTo(LocalDate.of(1997, 1, 1).toEpochDay());
  }

  private static DateParser inZone(String zone, Optional<String> pattern, String sample) {
    return DateParser.detect(List.of(sample), pattern, Optional.of(ZoneId.of(zone)), "d", "t");
  }

  /** With a business zone, a date-time with an offset is an instant, dated in that zone. */
  @Property
  void parse_offsetDateTimeWithZone_givesTheDateThere(
      @ForAll @LongRange(min = -2_000_000_000L, max = 5_000_000_000L) long epochSecond,
      @ForAll @IntRange(min = -14 * 4, max = 14 * 4) int quarterHours,
      @ForAll("zones") String zone,
      @ForAll boolean withColon) {
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(quarterHours * 900);
    OffsetDateTime written = Instant.ofEpochSecond(epochSecond).atOffset(offset);
    String text =
        written.format(
            DateTimeFormatter.ofPattern(
                withColon ? "uuuu-MM-dd'T'HH:mm:ssxxx" : "uuuu-MM-dd HH:mmxx"));
    long expected =
        (withColon ? written : written.withSecond(0))
            .atZoneSameInstant(ZoneId.of(zone))
            .toLocalDate()
            .toEpochDay();
    DateParser parser = inZone(zone, Optional.empty(), text);
    assertThat(parse(parser, text)).as(text).isEqualTo(expected);
    // read twice: the remembered last text gives the same day
    assertThat(parse(parser, text)).as(text).isEqualTo(expected);
  }

  @Provide
  Arbitrary<String> zones() {
    return Arbitraries.of(
        "UTC",
        "America/New_York",
        "Europe/Berlin",
        "Asia/Kolkata",
        "Pacific/Kiritimati",
        "Pacific/Pago_Pago");
  }

  @ParameterizedTest
  @CsvSource({
    // an instant is dated where the business is; a local time stays as written
    "2024-04-01T03:30Z, America/New_York, 2024-03-31",
    "2024-04-01T03:30:00z, Europe/Berlin, 2024-04-01",
    "2024-03-31T23:30:00-05:00, UTC, 2024-04-01",
    "2024-03-31T23:30:00-0500, Asia/Kolkata, 2024-04-01",
    "2024-03-31 23:30:00.123+01, UTC, 2024-03-31",
    "2024-03-31T23:30:00, Asia/Tokyo, 2024-03-31",
    "2024-03-31, Asia/Tokyo, 2024-03-31",
    "2016-12-31T23:59:60Z, Asia/Tokyo, 2017-01-01"
  })
  void parse_withZone_examples(String text, String zone, LocalDate expected) {
    assertThat(parse(inZone(zone, Optional.empty(), text), text)).isEqualTo(expected.toEpochDay());
    // without a zone the date is the one written
    assertThat(parse(ISO, text)).isEqualTo(LocalDate.parse(text.substring(0, 10)).toEpochDay());
  }

  @Test
  void parse_patternWithOffset_isDatedInTheZone() {
    String text = "31/03/2024 23:30 -0500";
    DateParser parser = inZone("Europe/Berlin", Optional.of("dd/MM/yyyy HH:mm Z"), text);
    assertThat(parse(parser, text)).isEqualTo(LocalDate.of(2024, 4, 1).toEpochDay());
    String local = "31/03/2024 23:30";
    DateParser plain = inZone("Europe/Berlin", Optional.of("dd/MM/yyyy HH:mm"), local);
    assertThat(parse(plain, local)).isEqualTo(LocalDate.of(2024, 3, 31).toEpochDay());
  }
}
