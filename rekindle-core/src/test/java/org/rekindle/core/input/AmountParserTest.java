package org.rekindle.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountParserTest {
  private static final AmountParser POINT = new AmountParser(false);
  private static final AmountParser COMMA = new AmountParser(true);

  private static long parse(AmountParser parser, String text) {
    return parser.parse(text.toCharArray(), 0, text.length());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "12|120000|120000",
        "+12|120000|120000",
        "-12.5|-125000|-125000",
        "12,50|125000|125000",
        "1,234.56|12345600|12345600",
        "1.234,56|12345600|12345600",
        "1,234|12340000|12340",
        "1.234|12340|12340000",
        "0,500|5000|5000",
        "1,234,567|12345670000|12345670000",
        "1.234.567|12345670000|12345670000",
        "$12.50|125000|125000",
        "-$12.50|-125000|-125000",
        "$-12.50|-125000|-125000",
        "€ 12,50|125000|125000",
        "12,50 €|125000|125000",
        "£0.00005|1|1",
        "0.00004|0|0",
        "0.99995|10000|10000",
        ".5|5000|5000",
        "999999999999.9999|9999999999999999|9999999999999999",
        "1000000000000|INVALID|INVALID",
        "000000000000001|10000|10000",
        "12.|INVALID|INVALID",
        "1,23,456|INVALID|INVALID",
        "1.234,56.7|INVALID|INVALID",
        "12a|INVALID|INVALID",
        "--1|INVALID|INVALID",
        "-|INVALID|INVALID",
        "$|INVALID|INVALID",
        "1 234|INVALID|INVALID",
        "1e3|INVALID|INVALID"
      })
  void parse_textForms_readInBothConventions(String text, String point, String comma) {
    assertThat(parse(POINT, text)).isEqualTo(expected(point));
    assertThat(parse(COMMA, text)).isEqualTo(expected(comma));
  }

  private static long expected(String value) {
    return value.equals("INVALID") ? AmountParser.INVALID : Long.parseLong(value);
  }

  @Test
  void detect_unambiguousSamples_decideTheConvention() {
    assertThat(AmountParser.detect(List.of("1.234,56", "12,5", "1,234")).decimalComma()).isTrue();
    assertThat(AmountParser.detect(List.of("1,234.56", "12.5", "1.234")).decimalComma()).isFalse();
    assertThat(AmountParser.detect(List.of("1.234.567")).decimalComma()).isTrue();
    assertThat(AmountParser.detect(List.of("1,234", "7")).decimalComma()).isFalse();
    assertThat(AmountParser.detect(List.of()).decimalComma()).isFalse();
  }

  @Property
  void parse_formattedAmount_givesItBackExactly(
      @ForAll @LongRange(min = -9_999_999_999_999_999L, max = 9_999_999_999_999_999L) long minor,
      @ForAll boolean decimalComma,
      @ForAll boolean grouped) {
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
    symbols.setDecimalSeparator(decimalComma ? ',' : '.');
    symbols.setGroupingSeparator(decimalComma ? '.' : ',');
    DecimalFormat format = new DecimalFormat(grouped ? "#,##0.####" : "0.####", symbols);
    String text = format.format(BigDecimal.valueOf(minor, 4));

    assertThat(parse(new AmountParser(decimalComma), text)).as(text).isEqualTo(minor);
  }
}
