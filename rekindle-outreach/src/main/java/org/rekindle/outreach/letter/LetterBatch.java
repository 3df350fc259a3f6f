package org.rekindle.outreach.letter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Prints letters: a batch becomes one PDF to send to the printer, every letter starting on a new
 * page with the letterhead, the date, the recipient's address where the envelope's window shows it
 * ({@link Paper}) and the text from its template, and a mail-merge CSV beside it (one row per
 * letter: id, address, template, pages and text).
 *
 * <p>Every letter is rendered and checked before anything is written, and every problem is reported
 * together: an unknown template, a missing value, an address line too long for the window, a
 * character the font cannot print. Both files are written to temporary files beside their targets
 * and moved into place when complete, so a failed batch leaves neither a partial PDF nor a partial
 * CSV.
 *
 * <pre>{@code
 * LetterBatch batch = new LetterBatch(letterhead, LetterTemplates.load(home), Paper.A4);
 * LetterBatch.Summary s = batch.write(letters, today, Path.of("letters.pdf"), Path.of("letters.csv"));
 * }</pre>
 */
public final class LetterBatch {
  private final Letterhead letterhead;
  private final LetterTemplates templates;
  private final Paper paper;

  /** What a batch came to. */
  public record Summary(int letters, int pages) {}

  /** Letters from {@code letterhead}, worded by {@code templates}, printed on {@code paper}. */
  public LetterBatch(Letterhead letterhead, LetterTemplates templates, Paper paper) {
    this.letterhead = Objects.requireNonNull(letterhead, "letterhead");
    this.templates = Objects.requireNonNull(templates, "templates");
    this.paper = Objects.requireNonNull(paper, "paper");
  }

  /**
   * Writes the letters, in the order given, to one PDF and the mail-merge CSV.
   *
   * @param date the date printed on every letter
   * @param pdf the PDF to write (replaced if it exists)
   * @param csv the CSV to write (replaced if it exists)
   * @throws IllegalArgumentException for an empty batch, or with every problem found in the
   *     letters, each naming its letter; then nothing is written
   * @throws UncheckedIOException when a file cannot be written; then neither is left behind
   */
  public Summary write(List<Letter> letters, LocalDate date, Path pdf, Path csv) {
    Objects.requireNonNull(letters, "letters");
    Objects.requireNonNull(date, "date");
    Path pdfFile = pdf.toAbsolutePath().normalize();
    Path csvFile = csv.toAbsolutePath().normalize();
    if (letters.isEmpty()) {
      throw new IllegalArgumentException(
          "no letters to print: an empty batch makes no PDF and no CSV");
    }
    if (pdfFile.equals(csvFile)) {
      throw new IllegalArgumentException("the PDF and the CSV must be different files: " + pdf);
    }
    LetterPdf layout = new LetterPdf(letterhead, paper, date);
    List<String> problems = new ArrayList<>();
    layout.checkLetterhead(problems);
    Set<String> ids = new HashSet<>();
    List<LetterPdf.Prepared> prepared = new ArrayList<>();
    for (Letter letter : letters) {
      if (!ids.add(letter.id())) {
        problems.add("letter " + letter.id() + ": the id appears more than once in the batch");
        continue;
      }
      String text;
      try {
        text = templates.render(letter.template(), letter.values());
      } catch (IllegalArgumentException e) {
        problems.add("letter " + letter.id() + ": " + e.getMessage());
        continue;
      }
      layout.prepare(letter, text, problems).ifPresent(prepared::add);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "the letters cannot be printed, nothing was written:\n" + String.join("\n", problems));
    }
    int pages = prepared.stream().mapToInt(LetterPdf.Prepared::pages).sum();
    write(pdfFile, csvFile, layout, prepared);
    return new Summary(prepared.size(), pages);
  }

  private static void write(
      Path pdf, Path csv, LetterPdf layout, List<LetterPdf.Prepared> prepared) {
    Optional<Path> pdfPart = Optional.empty();
    Optional<Path> csvPart = Optional.empty();
    try {
      pdfPart = Optional.of(part(pdf));
      int[] firstPages;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(pdfPart.get()))) {
        firstPages = layout.write(prepared, out);
      }
      csvPart = Optional.of(part(csv));
      try (Writer out = Files.newBufferedWriter(csvPart.get(), StandardCharsets.UTF_8)) {
        MailMergeCsv.write(prepared, firstPages, out);
      }
      Files.move(
          pdfPart.get(), pdf, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try {
        Files.move(
            csvPart.get(),
            csv,
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        // a PDF without its CSV is half a batch: take it back
        Files.deleteIfExists(pdf);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the letters to " + pdf + " and " + csv + ": " + e.getMessage(), e);
    } finally {
      pdfPart.ifPresent(LetterBatch::discard);
      csvPart.ifPresent(LetterBatch::discard);
    }
  }

  /** A hidden temporary file beside {@code target}, in its directory (made if need be). */
  private static Path part(Path target) throws IOException {
    Path dir = Objects.requireNonNull(target.getParent(), "a file has a directory");
    Files.createDirectories(dir);
    return Files.createTempFile(dir, ".writing-", "-" + target.getFileName());
  }

  private static void discard(Path part) {
    try {
      Files.deleteIfExists(part);
    } catch (IOException ignored) {
      // best effort: the file is hidden and named after its target
    }
  }
}
