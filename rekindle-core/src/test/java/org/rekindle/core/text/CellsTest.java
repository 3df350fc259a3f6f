package org.rekindle.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellsTest {

  @Test
  void csv_formulaStarts_areNeutralised() {
    assertThat(Cells.csv("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(Cells.csv("+1")).isEqualTo("\"'+1\"");
    assertThat(Cells.csv("-1")).isEqualTo("\"'-1\"");
    assertThat(Cells.csv("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    assertThat(Cells.csv("\t=1")).isEqualTo("\"'\t=1\"");
    assertThat(Cells.csv("\r=1")).isEqualTo("\"'\r=1\"");
  }

  @Test
  void csv_plainText_isOnlyQuoted() {
    assertThat(Cells.csv("")).isEqualTo("\"\"");
    assertThat(Cells.csv("a = b")).isEqualTo("\"a = b\"");
    assertThat(Cells.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
  }
}
