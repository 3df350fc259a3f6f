package org.rekindle.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.RekindleException;
import org.rekindle.core.playbook.Business;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.outreach.letter.Letter;
import org.rekindle.outreach.letter.LetterBatch;
import org.rekindle.outreach.letter.LetterTemplates;
import org.rekindle.outreach.letter.LetterValues;
import org.rekindle.outreach.letter.Letterhead;
import org.rekindle.outreach.letter.Paper;
import org.rekindle.outreach.letter.Recipient;
import org.rekindle.store.Store;
import org.rekindle.store.outreach.LetterQueue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rekindle letters --out FILE.pdf}: the letters waiting, as one PDF to print. */
@Command(
    name = "letters",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the letters `rekindle send` queued: one print-ready PDF (the business's letterhead"
          + " from rekindle.yaml, the address placed for a window envelope, one letter per page"
          + " or more) and a mail-merge CSV beside it. The letters are marked printed, and"
          + " recorded as contacts, only once both files are written; if anything fails they"
          + " stay queued for the next batch.",
      ""
    })
final class LettersCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.pdf",
      description = "The PDF to write.")
  Path out = Path.of("letters.pdf");

  @Option(
      names = "--csv",
      paramLabel = "FILE.csv",
      description = "The mail-merge CSV. Default: the PDF's name with .csv.")
  @Nullable Path csv;

  @Option(
      names = "--paper",
      paramLabel = "a4|letter",
      defaultValue = "a4",
      description = "A4 (DIN 5008, DL window envelope) or US letter (#10 window). Default: a4.")
  String paper = "a4";

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "1000",
      description = "At most N letters in this batch, the oldest first. Default: 1000.")
  int limit = 1000;

  @Option(
      names = "--logo",
      paramLabel = "FILE",
      description = "A PNG or JPEG logo for the letterhead.")
  @Nullable Path logo;

  @Override
  public Integer call() {
    Paper size =
        switch (paper.strip().toLowerCase(Locale.ROOT)) {
          case "a4" -> Paper.A4;
          case "letter", "us-letter", "us_letter" -> Paper.US_LETTER;
          default -> throw new UsageException("--paper must be a4 or letter, was '" + paper + "'");
        };
    if (limit < 1) {
      throw new UsageException("--limit must be at least 1, was " + limit);
    }
    if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
      throw new UsageException("--out must name a .pdf file, was '" + out + "'");
    }
    Path csvFile = csv != null ? csv : out.resolveSibling(stem(out) + ".csv");
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path home = store.homeDir();
    Playbooks books = Outreach.playbooks(home, err);
    Business business = books.business();
    Letterhead head;
    try {
      head = LetterValues.letterhead(business, Optional.ofNullable(logo));
    } catch (IllegalArgumentException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
    LetterTemplates templates = Outreach.letterTemplates(home);
    Clock clock = Clock.systemUTC();
    try (Store s = store.open(err)) {
      LetterValues shared = new LetterValues(business, Outreach.keys(home));
      LetterQueue queue = new LetterQueue(s.jdbi());
      if (queue.waiting() == 0) {
        o.println("No letters wait to be printed.");
        return 0;
      }
      LetterBatch.Summary summary =
          queue.print(
              limit,
              clock.instant(),
              letters -> {
                List<Letter> batch = new ArrayList<>();
                for (LetterQueue.QueuedLetter l : letters) {
                  Map<String, Object> values = shared.of(l.values(), l.customer());
                  Recipient to;
                  try {
                    to =
                        new Recipient(
                            l.name(),
                            l.line1(),
                            l.line2(),
                            l.city(),
                            l.region(),
                            l.postalCode(),
                            l.country());
                  } catch (IllegalArgumentException e) {
                    throw new UsageException(
                        "letter "
                            + l.id()
                            + " to customer "
                            + l.customerId()
                            + ": "
                            + e.getMessage());
                  }
                  batch.add(new Letter(Long.toString(l.id()), to, l.template(), values));
                }
                try {
                  return new LetterBatch(head, templates, size)
                      .write(batch, LocalDate.now(clock), out, csvFile);
                } catch (IllegalArgumentException e) {
                  throw new RekindleException(String.valueOf(e.getMessage()));
                }
              });
      o.printf(
          Locale.ROOT,
          "Printed %d letters on %d pages: %s (mail merge: %s). They are marked printed.%n",
          summary.letters(),
          summary.pages(),
          out,
          csvFile);
      long left = queue.waiting();
      if (left > 0) {
        o.printf(Locale.ROOT, "%d more wait for the next batch.%n", left);
      }
    }
    return 0;
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
