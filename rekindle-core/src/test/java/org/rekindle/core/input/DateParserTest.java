package org.rekindle.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.time.api.constraints.DateRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DateParserTest {
  private static final DateParser ISO =
      DateParser.detect(List.of("2000-01-01"), Optional.empty(), "date", "t");
  private static final DateParser BASIC =
      DateParser.detect(List.of("20000101"), Optional.empty(), "date", "t");

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
    DateParser parser = DateParser.detect(List.of("junk", sample), Optional.empty(), "d", "t");

    assertThat(parse(parser, sample)).isEqualTo(LocalDate.of(1997, 1, 1).toEpochDay());
  }
}
