package org.rekindle.outreach.letter;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Lays letters out on the page and draws them, one after another, into one PDF. Everything is
 * checked and measured first ({@link #checkLetterhead}, {@link #prepare}), so drawing cannot fail
 * half way for a reason the business could have fixed.
 *
 * <p>The text is set in Liberation Sans (SIL Open Font License 1.1), embedded from OpenPDF's {@code
 * openpdf-fonts-extra}: it covers Latin with its extensions, Greek and Cyrillic. A letter with a
 * character the font does not have is refused rather than printed with a gap.
 */
final class LetterPdf {
  /** A letter longer than this is a template gone wrong, not a letter. */
  static final int MAX_PAGES = 20;

  private static final String REGULAR = "/liberation/LiberationSans-Regular.ttf";
  private static final String BOLD = "/liberation/LiberationSans-Bold.ttf";
  private static final float BODY_SIZE = 10.5f;
  private static final float BODY_LEADING = 14f;
  private static final float[] ADDRESS_SIZES = {10f, 9f, 8f};
  private static final float ADDRESS_LEADING = 1.2f;
  private static final float RETURN_SIZE = 7f;
  private static final float MIN_RETURN_SIZE = 5f;
  private static final float MM = 72f / 25.4f;
  private static final Color GREY = new Color(0x59, 0x59, 0x59);
  private static final String DOT = " · ";

  /**
   * One letter, checked and measured, ready to draw.
   *
   * @param paragraphs the text, split at blank lines; each keeps the line breaks written in it
   * @param addressSize the font size at which every address line fits the window
   * @param pages how many pages it takes
   */
  record Prepared(Letter letter, List<String> paragraphs, float addressSize, int pages) {
    /** The text as printed: paragraphs separated by one blank line. */
    String body() {
      return String.join("\n\n", paragraphs);
    }
  }

  private final Paper.Geometry g;
  private final Letterhead head;
  private final String date;
  private final BaseFont regular;
  private final BaseFont bold;
  private final @Nullable Image logo;

  LetterPdf(Letterhead head, Paper paper, LocalDate date) {
    this.g = paper.geometry();
    this.head = head;
    this.date = g.dateFormat().format(date);
    this.regular = font(REGULAR);
    this.bold = font(BOLD);
    this.logo = head.logo().map(Logo::load).orElse(null);
    if (logo != null) {
      logo.scaleToFit((g.right() - g.left()) * 0.35f, g.headBottom() - g.headTop() - 2 * MM);
    }
  }

  private static BaseFont font(String resource) {
    try (InputStream in = LetterPdf.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the font " + resource + " is missing: openpdf-fonts-extra is not on the class path");
      }
      String name = resource.substring(resource.lastIndexOf('/') + 1);
      return BaseFont.createFont(
          name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, in.readAllBytes(), null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the font " + resource, e);
    }
  }

  /** Adds a problem when the letterhead has a character the font lacks or does not fit. */
  void checkLetterhead(List<String> problems) {
    printable("the letterhead's business name", head.businessName(), bold, problems);
    for (String line : head.address()) {
      printable("the letterhead's address", line, regular, problems);
    }
    for (String contact : head.contacts()) {
      printable("the letterhead's contact details", contact, regular, problems);
    }
    if (ColumnText.hasMoreText(letterhead(null).go(true))) {
      problems.add(
          String.format(
              Locale.ROOT,
              "the letterhead does not fit in the %.0f mm at the top of the page: shorten the"
                  + " business's address or contact details",
              (g.headBottom() - g.headTop()) / MM));
    }
  }

  /**
   * Checks and measures one letter whose text is {@code text}.
   *
   * @return the letter ready to draw, or empty after adding its problems
   */
  Optional<Prepared> prepare(Letter letter, String text, List<String> problems) {
    String where = "letter " + letter.id();
    int before = problems.size();
    List<String> paragraphs = paragraphs(text);
    if (paragraphs.isEmpty()) {
      problems.add(where + ": the template '" + letter.template() + "' gives an empty letter");
    }
    printable(where + ", its id", letter.id(), regular, problems);
    List<String> address = letter.recipient().lines();
    for (String line : address) {
      printable(where + ", the address", line, regular, problems);
    }
    for (String paragraph : paragraphs) {
      printable(where + ", the text", paragraph, regular, problems);
    }
    Optional<Float> size = addressSize(address);
    if (size.isEmpty()) {
      String longest = address.stream().max((a, b) -> Float.compare(width(a), width(b))).orElse("");
      problems.add(
          String.format(
              Locale.ROOT,
              "%s: the address line '%s' is too long for the envelope window (%.0f mm); shorten"
                  + " it or move part of it to the second address line",
              where,
              Text.abbreviate(longest),
              g.addressWidth() / MM));
    }
    if (problems.size() != before || size.isEmpty()) {
      return Optional.empty();
    }
    int pages = pages(paragraphs);
    if (pages > MAX_PAGES) {
      problems.add(where + ": the letter is longer than " + MAX_PAGES + " pages");
      return Optional.empty();
    }
    return Optional.of(new Prepared(letter, paragraphs, size.get(), pages));
  }

  /**
   * The text in paragraphs: a blank line ends one, other line breaks are kept; tabs become spaces.
   */
  static List<String> paragraphs(String text) {
    List<String> paragraphs = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    String normal = text.replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ');
    for (String line : normal.split("\n", -1)) {
      if (line.isBlank()) {
        if (!lines.isEmpty()) {
          paragraphs.add(String.join("\n", lines));
          lines.clear();
        }
      } else {
        lines.add(line.stripTrailing());
      }
    }
    if (!lines.isEmpty()) {
      paragraphs.add(String.join("\n", lines));
    }
    return List.copyOf(paragraphs);
  }

  private static void printable(String where, String text, BaseFont font, List<String> problems) {
    text.codePoints()
        .filter(c -> c != '\n' && (Character.isISOControl(c) || !font.charExists(c)))
        .findFirst()
        .ifPresent(
            c ->
                problems.add(
                    Character.isISOControl(c)
                        ? String.format(
                            Locale.ROOT,
                            "%s: the control character U+%04X cannot be printed",
                            where,
                            c)
                        : String.format(
                            Locale.ROOT,
                            "%s: the letter font (Liberation Sans) has no '%s' (U+%04X)",
                            where,
                            Character.toString(c),
                            c)));
  }

  private float width(String line) {
    return regular.getWidthPoint(line, 1f);
  }

  private Optional<Float> addressSize(List<String> lines) {
    float widest = 0;
    for (String line : lines) {
      widest = Math.max(widest, width(line));
    }
    for (float size : ADDRESS_SIZES) {
      if (widest * size <= g.addressWidth()
          && lines.size() * size * ADDRESS_LEADING <= g.addressHeight()) {
        return Optional.of(size);
      }
    }
    return Optional.empty();
  }

  private int pages(List<String> paragraphs) {
    ColumnText ct = body(null, paragraphs);
    column(ct, g.bodyTop());
    int pages = 1;
    while (ColumnText.hasMoreText(ct.go(true)) && pages <= MAX_PAGES) {
      pages++;
      column(ct, g.nextBodyTop());
    }
    return pages;
  }

  /**
   * Draws the letters into one PDF, each starting on a new page.
   *
   * @return the page each letter starts on, counting from 1
   */
  int[] write(List<Prepared> letters, OutputStream out) {
    Document doc = new Document(new Rectangle(g.width(), g.height()), 0, 0, 0, 0);
    PdfWriter writer = PdfWriter.getInstance(doc, out);
    doc.addTitle("Letters from " + head.businessName() + ", " + date);
    doc.addCreator("Rekindle");
    doc.open();
    PdfContentByte cb = writer.getDirectContent();
    int[] first = new int[letters.size()];
    int page = 0;
    for (int i = 0; i < letters.size(); i++) {
      Prepared p = letters.get(i);
      if (i > 0) {
        doc.newPage();
      }
      first[i] = ++page;
      firstPage(cb, p);
      ColumnText ct = body(cb, p.paragraphs());
      column(ct, g.bodyTop());
      int status = ct.go();
      footer(cb, p, 1);
      for (int k = 2; k <= p.pages(); k++) {
        doc.newPage();
        page++;
        laterPage(cb, p);
        column(ct, g.nextBodyTop());
        status = ct.go();
        footer(cb, p, k);
      }
      if (ColumnText.hasMoreText(status)) {
        throw new IllegalStateException(
            "letter " + p.letter().id() + " came out longer than its " + p.pages() + " pages");
      }
    }
    doc.close();
    return first;
  }

  private void firstPage(PdfContentByte cb, Prepared p) {
    marks(cb);
    letterhead(cb).go();
    if (logo != null) {
      logo.setAbsolutePosition(
          g.right() - logo.getScaledWidth(), top(g.headTop()) - logo.getScaledHeight());
      cb.addImage(logo);
    }
    rule(cb, top(g.headBottom()));
    g.returnLine().ifPresent(y -> returnLine(cb, y));
    float size = p.addressSize();
    float y = top(g.addressTop()) - size;
    for (String line : p.letter().recipient().lines()) {
      text(cb, Element.ALIGN_LEFT, line, new Font(regular, size), g.left(), y);
      y -= size * ADDRESS_LEADING;
    }
    text(cb, Element.ALIGN_RIGHT, date, new Font(regular, 10), g.right(), top(g.dateLine()));
  }

  /** The short header of a letter's second and later pages: whose letter, to whom, when. */
  private void laterPage(PdfContentByte cb, Prepared p) {
    float y = top(g.nextHeader());
    Font name = new Font(bold, 9);
    Font small = new Font(regular, 8);
    text(cb, Element.ALIGN_LEFT, head.businessName(), name, g.left(), y);
    String right = p.letter().recipient().name() + DOT + date;
    float room = g.right() - g.left() - bold.getWidthPoint(head.businessName(), 9) - 6 * MM;
    if (regular.getWidthPoint(right, 8) > room) {
      right = date;
    }
    text(cb, Element.ALIGN_RIGHT, right, small, g.right(), y);
    rule(cb, y - 5);
  }

  /** The letter's id and page, small at the foot, so the mail room can match pages to letters. */
  private void footer(PdfContentByte cb, Prepared p, int page) {
    String line = p.letter().id() + DOT + "page " + page + " of " + p.pages();
    text(cb, Element.ALIGN_LEFT, line, new Font(regular, 7, Font.NORMAL, GREY), g.left(), bottom());
  }

  private float bottom() {
    return top(g.footer());
  }

  private ColumnText letterhead(@Nullable PdfContentByte cb) {
    ColumnText ct = new ColumnText(cb);
    float width = g.right() - g.left() - (logo == null ? 0 : logo.getScaledWidth() + 4 * MM);
    ct.setSimpleColumn(g.left(), top(g.headBottom()), g.left() + width, top(g.headTop()));
    ct.addElement(new Paragraph(18, head.businessName(), new Font(bold, 15)));
    Font small = new Font(regular, 8.5f);
    for (List<String> part : List.of(head.address(), head.contacts())) {
      if (!part.isEmpty()) {
        Paragraph p = new Paragraph(11, String.join(DOT, part), small);
        p.setSpacingBefore(2);
        ct.addElement(p);
      }
    }
    return ct;
  }

  /** The sender in one small line above the recipient, shrunk to the window's width. */
  private void returnLine(PdfContentByte cb, float y) {
    String line = head.businessName();
    if (!head.address().isEmpty()) {
      line += DOT + String.join(DOT, head.address());
    }
    float size = Math.min(RETURN_SIZE, g.addressWidth() / regular.getWidthPoint(line, 1));
    if (size < MIN_RETURN_SIZE) {
      line = head.businessName();
      size = Math.min(RETURN_SIZE, g.addressWidth() / regular.getWidthPoint(line, 1));
    }
    text(cb, Element.ALIGN_LEFT, line, new Font(regular, size), g.left(), top(y));
  }

  private ColumnText body(@Nullable PdfContentByte cb, List<String> paragraphs) {
    ColumnText ct = new ColumnText(cb);
    Font font = new Font(regular, BODY_SIZE);
    for (String text : paragraphs) {
      Paragraph p = new Paragraph(BODY_LEADING, text, font);
      p.setSpacingAfter(BODY_LEADING * 0.75f);
      ct.addElement(p);
    }
    return ct;
  }

  private void column(ColumnText ct, float top) {
    ct.setSimpleColumn(g.left(), top(g.bodyBottom()), g.right(), top(top));
  }

  /** Fold marks and the hole mark at the left edge, clear of the unprintable margin. */
  private void marks(PdfContentByte cb) {
    cb.saveState();
    cb.setLineWidth(0.4f);
    cb.setGrayStroke(0.4f);
    for (float y : g.folds()) {
      line(cb, 5 * MM, 10 * MM, top(y));
    }
    g.holeMark().ifPresent(y -> line(cb, 5 * MM, 13 * MM, top(y)));
    cb.restoreState();
  }

  private void rule(PdfContentByte cb, float y) {
    cb.saveState();
    cb.setLineWidth(0.5f);
    cb.setGrayStroke(0.6f);
    line(cb, g.left(), g.right(), y);
    cb.restoreState();
  }

  private static void line(PdfContentByte cb, float x1, float x2, float y) {
    cb.moveTo(x1, y);
    cb.lineTo(x2, y);
    cb.stroke();
  }

  private static void text(PdfContentByte cb, int align, String s, Font font, float x, float y) {
    ColumnText.showTextAligned(cb, align, new Phrase(s, font), x, y, 0);
  }

  /** A height measured down from the top edge, as PDF's y (measured up from the bottom). */
  private float top(float fromTop) {
    return g.height() - fromTop;
  }
}
