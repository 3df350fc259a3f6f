package org.rekindle.outreach.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfObject;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.outreach.template.MessageTemplates;

class LetterBatchTest {
  private static final LocalDate DATE = LocalDate.of(2026, 11, 23);
  private static final Letterhead HEAD =
      new Letterhead(
          "Springfield Building Supply",
          List.of("742 Evergreen Terrace", "Springfield, IL 62704"),
          Optional.of("+1 555 0100"),
          Optional.of("hello@springfield.example"),
          Optional.of("springfield.example"),
          Optional.empty());

  @TempDir Path dir;

  private static Map<String, Object> values(String firstName, String name, boolean offer) {
    Map<String, Object> v = new LinkedHashMap<>(MessageTemplates.SAMPLE);
    v.put("first_name", firstName);
    v.put("name", name);
    if (!offer) {
      v.put("offer", false);
    }
    return v;
  }

  private static Recipient recipient(String name, String street) {
    return new Recipient(
        name,
        street,
        Optional.empty(),
        "Springfield",
        Optional.of("IL"),
        Optional.of("62701"),
        Optional.empty());
  }

  private static Letter letter(String id, String name, String template, boolean offer) {
    String first = name.split(" ", -1)[0];
    return new Letter(
        id, recipient(name, id + " Main Street"), template, values(first, name, offer));
  }

  private LetterBatch batch(Paper paper) {
    return new LetterBatch(HEAD, LetterTemplates.load(Optional.empty()), paper);
  }

  /** The text of each page, white space run together (lines wrap wherever the layout says). */
  private static List<String> pages(Path pdf) throws IOException {
    PdfReader reader = new PdfReader(pdf.toString());
    try {
      PdfTextExtractor text = new PdfTextExtractor(reader);
      List<String> pages = new ArrayList<>();
      for (int i = 1; i <= reader.getNumberOfPages(); i++) {
        pages.add(text.getTextFromPage(i).replaceAll("\\s+", " "));
      }
      return pages;
    } finally {
      reader.close();
    }
  }

  private static List<CsvRecord> csv(Path csv) throws IOException {
    try (CsvReader<CsvRecord> reader = CsvReader.builder().detectBomHeader(true).ofCsvRecord(csv)) {
      return reader.stream().toList();
    }
  }

  private List<Path> filesInDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void write_givesEachLetterItsOwnPage_withLetterheadRecipientAndBody() throws IOException {
    Path pdf = dir.resolve("letters.pdf");
    Path csv = dir.resolve("letters.csv");
    LetterBatch.Summary summary =
        batch(Paper.A4)
            .write(
                List.of(
                    letter("101", "Ada Roofing", "dormant-win-back", true),
                    letter("102", "Bo Timber", "account-dormancy-notice", false),
                    letter("103", "Cy Plumbing", "birthday-card", false)),
                DATE,
                pdf,
                csv);

    assertThat(summary).isEqualTo(new LetterBatch.Summary(3, 3));
    List<String> pages = pages(pdf);
    assertThat(pages).hasSize(3);
    for (String page : pages) {
      assertThat(page)
          .contains("Springfield Building Supply")
          .contains("742 Evergreen Terrace")
          .contains("+1 555 0100")
          .contains("23 November 2026");
    }
    assertThat(pages.get(0))
        .contains("Ada Roofing", "101 Main Street", "Springfield, IL 62701")
        .contains("Dear Ada,")
        .contains("Your code: K7QM-3XPA-9WRT (valid until 2026-12-23)")
        .contains("101 · page 1 of 1")
        .doesNotContain("Bo Timber", "Cy Plumbing");
    assertThat(pages.get(1))
        .contains("Bo Timber", "102 Main Street", "Dear Bo,")
        .contains("your account goes dormant on 2027-01-15")
        .contains("one order or one reply keeps it open")
        .doesNotContain("K7QM-3XPA-9WRT", "Ada Roofing");
    assertThat(pages.get(2))
        .contains("Cy Plumbing", "Happy birthday from all of us at Springfield Building Supply")
        .contains("103 · page 1 of 1");

    List<CsvRecord> rows = csv(csv);
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).getFields()).isEqualTo(MailMergeCsv.HEADER);
    assertThat(rows.get(1).getFields().subList(0, 11))
        .containsExactly(
            "101",
            "Ada Roofing",
            "101 Main Street",
            "",
            "Springfield",
            "IL",
            "62701",
            "",
            "dormant-win-back",
            "1",
            "1");
    assertThat(rows.get(1).getField(11))
        .startsWith("Dear Ada,\n\n")
        .contains("Your code: K7QM-3XPA-9WRT (valid until 2026-12-23)")
        .endsWith("Warm regards,\n\nMaria\nSpringfield Building Supply");
    assertThat(rows.get(3).getField(9)).isEqualTo("3");
    assertThat(filesInDir()).containsExactly(csv, pdf);
  }

  @Test
  void aFormulaForAName_isNeutralisedInTheCsv_butPrintedAsItIsInThePdf() throws IOException {
    Path pdf = dir.resolve("letters.pdf");
    Path csv = dir.resolve("letters.csv");
    String name = "=HYPERLINK(\"x\")";
    Letter l =
        new Letter(
            "7",
            new Recipient(
                name,
                "+1 Main Street",
                Optional.of("@home"),
                "Springfield",
                Optional.empty(),
                Optional.of("-5"),
                Optional.empty()),
            "birthday-card",
            values(name, name, false));
    batch(Paper.A4).write(List.of(l), DATE, pdf, csv);

    assertThat(pages(pdf).get(0))
        .contains(name)
        .contains("+1 Main Street")
        .contains("Dear =HYPERLINK(\"x\"),");
    List<String> row = csv(csv).get(1).getFields();
    assertThat(row.subList(1, 7))
        .containsExactly(
            "'=HYPERLINK(\"x\")", "'+1 Main Street", "'@home", "Springfield", "", "'-5");
    assertThat(row.get(11)).startsWith("Dear =HYPERLINK(\"x\"),");
    assertThat(Files.readString(csv, StandardCharsets.UTF_8))
        .startsWith("\uFEFFid,name,")
        .contains("\r\n7,\"'=HYPERLINK(\"\"x\"\")\",'+1 Main Street,'@home,Springfield,,'-5,");
  }

  @Test
  void aLongLetter_flowsOntoMorePages_withAShortHeaderAndItsIdOnEach() throws IOException {
    StringBuilder text = new StringBuilder("Dear {{first_name}},\n\n");
    for (int i = 1; i <= 60; i++) {
      text.append("Paragraph ")
          .append(i)
          .append(": we write at length so that this letter needs more than one page.\n\n");
    }
    text.append("Yours,\n{{rep_name}}\n");
    Files.writeString(dir.resolve("newsletter.letter.mustache"), text);
    LetterBatch batch =
        new LetterBatch(HEAD, LetterTemplates.load(Optional.of(dir)), Paper.US_LETTER);
    Path pdf = dir.resolve("out/letters.pdf");
    Path csv = dir.resolve("out/letters.csv");
    LetterBatch.Summary summary =
        batch.write(
            List.of(
                letter("L-1", "Ada Roofing", "newsletter", false),
                letter("L-2", "Bo Timber", "birthday-card", false)),
            DATE,
            pdf,
            csv);

    List<String> pages = pages(pdf);
    int long1 = pages.size() - 1;
    assertThat(long1).isGreaterThanOrEqualTo(2);
    assertThat(summary).isEqualTo(new LetterBatch.Summary(2, pages.size()));
    assertThat(pages.get(0))
        .contains("742 Evergreen Terrace", "L-1 Main Street", "November 23, 2026")
        .contains("Paragraph 1:")
        .contains("L-1 · page 1 of " + long1);
    for (int p = 2; p <= long1; p++) {
      assertThat(pages.get(p - 1))
          .as("page %d", p)
          .contains("Springfield Building Supply")
          .contains("Ada Roofing · November 23, 2026")
          .contains("L-1 · page " + p + " of " + long1)
          .doesNotContain("742 Evergreen Terrace", "L-1 Main Street");
    }
    assertThat(pages.get(long1 - 1)).contains("Paragraph 60:", "Yours, Maria");
    String all = String.join(" ", pages.subList(0, long1));
    for (int i = 1; i <= 60; i++) {
      assertThat(all).contains("Paragraph " + i + ":");
    }
    assertThat(pages.get(long1))
        .contains("742 Evergreen Terrace", "Bo Timber", "L-2 · page 1 of 1")
        .doesNotContain("Paragraph");
    List<CsvRecord> rows = csv(csv);
    assertThat(rows.get(1).getFields().subList(9, 11))
        .containsExactly("1", Integer.toString(long1));
    assertThat(rows.get(2).getFields().subList(9, 11))
        .containsExactly(Integer.toString(long1 + 1), "1");
  }

  @Test
  void aHomeTemplate_isUsedInPlaceOfTheShippedOne() throws IOException {
    Files.writeString(
        dir.resolve("birthday-card.letter.mustache"),
        "Hello {{first_name}},\n\nMany happy returns, from the whole yard.\n\n{{rep_name}}\n");
    LetterBatch batch = new LetterBatch(HEAD, LetterTemplates.load(Optional.of(dir)), Paper.A4);
    Path pdf = dir.resolve("letters.pdf");
    batch.write(
        List.of(letter("1", "Ada Roofing", "birthday-card", false)),
        DATE,
        pdf,
        dir.resolve("letters.csv"));
    assertThat(pages(pdf).get(0))
        .contains("Hello Ada,", "Many happy returns, from the whole yard.")
        .doesNotContain("Happy birthday from all of us");
  }

  @Test
  void anEmptyBatch_isRefused_andWritesNothing() throws IOException {
    assertThatThrownBy(
            () ->
                batch(Paper.A4).write(List.of(), DATE, dir.resolve("a.pdf"), dir.resolve("a.csv")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no letters to print: an empty batch makes no PDF and no CSV");
    assertThat(filesInDir()).isEmpty();
  }

  @Test
  void nonLatinText_isPrinted_inAnEmbeddedFont() throws IOException {
    Path pdf = dir.resolve("letters.pdf");
    Letter l =
        new Letter(
            "1",
            new Recipient(
                "Zoë Łukasz Ørsted",
                "ul. Źródlana 5",
                Optional.empty(),
                "Kraków",
                Optional.empty(),
                Optional.of("30-001"),
                Optional.of("Polska")),
            "dormant-win-back",
            values("Zoë", "Zoë Łukasz Ørsted", true));
    batch(Paper.A4).write(List.of(l), DATE, pdf, dir.resolve("letters.csv"));

    assertThat(pages(pdf).get(0))
        .contains("Zoë Łukasz Ørsted", "ul. Źródlana 5", "30-001 Kraków", "Polska")
        .contains("Dear Zoë,");
    PdfReader reader = new PdfReader(pdf.toString());
    try {
      List<String> embedded = new ArrayList<>();
      for (int i = 1; i < reader.getXrefSize(); i++) {
        PdfObject o = PdfReader.getPdfObject(reader.getPdfObject(i));
        if (o instanceof PdfDictionary d && d.contains(PdfName.FONTFILE2)) {
          embedded.add(String.valueOf(d.get(PdfName.FONTNAME)));
        }
      }
      assertThat(embedded)
          .isNotEmpty()
          .allSatisfy(name -> assertThat(name).contains("LiberationSans"));
    } finally {
      reader.close();
    }
  }

  @Test
  void everyProblem_isReportedTogether_andNothingIsWritten() throws IOException {
    Path pdf = dir.resolve("letters.pdf");
    Files.writeString(pdf, "the previous batch");
    Map<String, Object> noRep = values("Bo", "Bo Timber", false);
    noRep.remove("rep_name");
    List<Letter> letters =
        List.of(
            letter("1", "Ada Roofing", "dormant-win-back", true),
            letter("1", "Ada Again", "dormant-win-back", true),
            letter("2", "Bo Timber", "no-such-letter", false),
            new Letter("3", recipient("Bo Timber", "3 Main Street"), "birthday-card", noRep),
            letter("4", "山田太郎", "birthday-card", false),
            new Letter(
                "5",
                recipient(
                    "Cy Plumbing",
                    "Unit 4, The Old Brewery Industrial Estate, Long Lane, Lower Westbury Business Park"),
                "birthday-card",
                values("Cy", "Cy Plumbing", false)));

    assertThatThrownBy(() -> batch(Paper.A4).write(letters, DATE, pdf, dir.resolve("x.csv")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the letters cannot be printed, nothing was written:")
        .hasMessageContaining("letter 1: the id appears more than once in the batch")
        .hasMessageContaining("letter 2: no letter template 'no-such-letter'")
        .hasMessageContaining("letter 3: letter template 'birthday-card'")
        .hasMessageContaining("rep_name")
        .hasMessageContaining("letter 4, the address: the letter font (Liberation Sans) has no '山'")
        .hasMessageContaining("letter 5: the address line 'Unit 4, The Old Brewery")
        .hasMessageContaining("too long for the envelope window (80 mm)");
    assertThat(filesInDir()).containsExactly(pdf);
    assertThat(Files.readString(pdf)).isEqualTo("the previous batch");
  }

  @Test
  void aLetterheadTooBigForItsSpace_isRefused() {
    Letterhead crowded =
        new Letterhead(
            "Springfield Building Supply", Collections.nCopies(40, "742 Evergreen Terrace"));
    LetterBatch batch = new LetterBatch(crowded, LetterTemplates.load(Optional.empty()), Paper.A4);
    assertThatThrownBy(
            () ->
                batch.write(
                    List.of(letter("1", "Ada Roofing", "birthday-card", false)),
                    DATE,
                    dir.resolve("a.pdf"),
                    dir.resolve("a.csv")))
        .hasMessageContaining("the letterhead does not fit in the 30 mm at the top of the page");
  }

  @Test
  void paper_setsThePageSize() throws IOException {
    for (Paper paper : Paper.values()) {
      Path pdf = dir.resolve(paper + ".pdf");
      batch(paper)
          .write(
              List.of(letter("1", "Ada Roofing", "exit-survey", false)),
              DATE,
              pdf,
              dir.resolve(paper + ".csv"));
      PdfReader reader = new PdfReader(pdf.toString());
      try {
        float[] size = {reader.getPageSize(1).getWidth(), reader.getPageSize(1).getHeight()};
        float[] expected =
            paper == Paper.A4 ? new float[] {595.3f, 841.9f} : new float[] {612, 792};
        assertThat(size[0]).isCloseTo(expected[0], within(0.1f));
        assertThat(size[1]).isCloseTo(expected[1], within(0.1f));
      } finally {
        reader.close();
      }
    }
  }

  @Test
  void thePdfAndTheCsv_mustBeDifferentFiles() {
    Path same = dir.resolve("letters");
    assertThatThrownBy(
            () ->
                batch(Paper.A4)
                    .write(
                        List.of(letter("1", "Ada Roofing", "birthday-card", false)),
                        DATE,
                        same,
                        same))
        .hasMessageContaining("the PDF and the CSV must be different files");
  }
}
