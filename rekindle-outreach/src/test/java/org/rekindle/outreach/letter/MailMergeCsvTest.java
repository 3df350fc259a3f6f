package org.rekindle.outreach.letter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailMergeCsvTest {
  @Test
  void cell_quotesByRfc4180() {
    assertThat(MailMergeCsv.cell("plain")).isEqualTo("plain");
    assertThat(MailMergeCsv.cell("")).isEmpty();
    assertThat(MailMergeCsv.cell("a, b")).isEqualTo("\"a, b\"");
    assertThat(MailMergeCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(MailMergeCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
  }

  @Test
  void cell_neutralisesWhatASpreadsheetWouldRun() {
    assertThat(MailMergeCsv.cell("=1+1")).isEqualTo("'=1+1");
    assertThat(MailMergeCsv.cell("+1 555")).isEqualTo("'+1 555");
    assertThat(MailMergeCsv.cell("-2")).isEqualTo("'-2");
    assertThat(MailMergeCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(MailMergeCsv.cell("\t=1")).isEqualTo("'\t=1");
    assertThat(MailMergeCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(MailMergeCsv.cell("a=1")).isEqualTo("a=1");
  }
}
