package org.rekindle.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.bounce.BounceFile;
import org.rekindle.core.bounce.Rejected;
import org.rekindle.core.input.BounceFileReader;
import org.rekindle.core.input.InputException;
import org.rekindle.core.text.Cells;
import org.rekindle.outreach.bounce.BounceFiles;
import org.rekindle.store.Store;
import org.rekindle.store.consent.Bounces;
import org.rekindle.store.consent.Suppressions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rekindle bounces}: mail that came back, and what it means for the addresses. */
@Command(
    name = "bounces",
    mixinStandardHelpOptions = true,
    description = {
      "Bounces and complaints that arrive after a message was sent: 'rekindle bounces import FILE'"
          + " suppresses the addresses, so nothing is sent to them again.",
      ""
    },
    subcommands = {BouncesCommand.Import.class})
final class BouncesCommand implements Runnable {
  /** How many rejects and unmatched addresses are printed; --rejects writes every reject. */
  private static final int SHOWN = 20;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code rekindle bounces import FILE}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Reads bounces, spam complaints and unsubscribes and applies them: a hard bounce"
            + " suppresses the address (bounced; staff may lift it once the address is fixed); a"
            + " complaint or an unsubscribe suppresses it and turns off the email consent of the"
            + " customers who have it, as their own 'stop' that only they can undo; a soft bounce"
            + " (a failure for now) is counted and changes nothing. An address is suppressed"
            + " whether or not a customer has it. A suppression already standing is kept as it"
            + " was, so importing the same file again changes nothing.",
        "",
        "Two formats, told apart by their content (--format auto):",
        "",
        "CSV, as mail providers export it (.gz too): columns found by their usual names, ignoring"
            + " case, spaces, underscores and dashes, or mapped with --columns: email (email,"
            + " address, recipient); type (type, bounce_type, event: hard, soft, complaint, spam,"
            + " abuse, unsubscribe and the providers' words for them); status (5.x.x is hard,"
            + " 4.x.x soft; used when there is no type); date (date, timestamp: ISO 8601, Unix"
            + " seconds or an RFC 1123 date); reason (reason, diagnostic, description);"
            + " message_id.",
        "",
        "Mail messages (DSN): delivery status notifications (RFC 3464: Action failed with"
            + " Status 5.x.x is hard, 4.x.x or delayed is soft) and spam complaints in the Abuse"
            + " Reporting Format (RFC 5965, Feedback-Type abuse; the recipient from"
            + " Original-Rcpt-To, else the To of the message complained of); one .eml file, an"
            + " mbox file of several, or a folder of .eml files. Bounces written as free text"
            + " are not read.",
        "",
        "A row or message that cannot be read is rejected with its file, line or message number"
            + " and reason; the rest are applied all the same. Exit 3 when nothing could be read.",
        ""
      })
  static final class Import implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Parameters(
        paramLabel = "FILE",
        description = "A CSV export, an .eml or mbox file, or a folder of .eml files.")
    @Nullable Path file;

    @Option(
        names = "--format",
        paramLabel = "csv|dsn|auto",
        description = "How FILE is written. Default: ${DEFAULT-VALUE} (by its content).")
    String format = "auto";

    @Option(
        names = "--columns",
        paramLabel = "field=column,...",
        description =
            "CSV column names, when they are not found by their usual names; the fields are"
                + " email, type, status, date, reason and message_id.")
    @Nullable String columns;

    @Option(
        names = "--rejects",
        paramLabel = "FILE",
        description = "Write every rejected row or message to this CSV (file,at,reason,raw).")
    @Nullable Path rejects;

    @Option(
        names = "--by",
        paramLabel = "NAME",
        description = "Who is importing, kept with each suppression. Default: the user name.")
    @Nullable String by;

    @Override
    public Integer call() {
      BounceFiles.Format how;
      try {
        how = BounceFiles.Format.parse(format);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e);
      }
      if (file == null) {
        throw new UsageException("a FILE is needed");
      }
      if (!Files.isReadable(file)) {
        throw new InputException(
            Files.exists(file) ? "cannot read " + file : "no such file or folder: " + file);
      }
      BounceFileReader.Builder csv = BounceFileReader.builder();
      if (columns != null) {
        csv.columns(columns);
      }
      BounceFile read = BounceFiles.read(file, how, csv.build());
      if (rejects != null) {
        writeRejects(rejects, read.rejected());
      }
      String actor = by != null ? by : System.getProperty("user.name", "staff");
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        Bounces.Result r = new Bounces(s).apply(read, actor);
        print(out, read, r, s.describe());
      }
      if (read.bounces().isEmpty() && !read.rejected().isEmpty()) {
        spec.commandLine()
            .getErr()
            .println("rekindle: nothing in " + file + " could be read as a bounce");
        return Main.EXIT_BAD_INPUT;
      }
      return 0;
    }

    private void print(PrintWriter out, BounceFile read, Bounces.Result r, String where) {
      out.printf(
          Locale.ROOT,
          "Imported bounces from %s (%s) into %s:%n  %s read: %s, %s, %s, %s; %,d rejected%n",
          read.source(),
          read.format(),
          where,
          count(r.read(), "report"),
          count(r.hard(), "hard bounce"),
          count(r.complaints(), "spam complaint"),
          count(r.unsubscribes(), "unsubscribe"),
          count(r.soft(), "soft bounce"),
          r.rejected());
      List<String> reasons = new ArrayList<>();
      for (Map.Entry<Suppressions.Reason, Integer> e : r.suppressed().entrySet()) {
        reasons.add(String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey().id()));
      }
      out.printf(
          Locale.ROOT,
          "  %s newly suppressed%s; %s already suppressed (kept as %s)%n",
          count(r.suppressedNew(), "address", "addresses"),
          reasons.isEmpty() ? "" : " (" + String.join(", ", reasons) + ")",
          count(r.alreadySuppressed(), "address", "addresses"),
          r.alreadySuppressed() == 1 ? "it was" : "they were");
      if (r.soft() > 0) {
        out.printf(
            Locale.ROOT,
            "  %s not suppressed: a soft bounce is a failure for now%n",
            count(r.soft(), "soft bounce"));
      }
      if (r.consentWithdrawn() > 0) {
        out.printf(
            Locale.ROOT,
            "  email consent turned off for %s (their own complaint or unsubscribe: only they can"
                + " turn it back on)%n",
            count(r.consentWithdrawn(), "customer"));
      }
      if (!r.unmatched().isEmpty()) {
        out.printf(
            Locale.ROOT,
            "  %s no customer has (suppressed all the same): %s%s%n",
            count(r.unmatched().size(), "address", "addresses"),
            String.join(", ", r.unmatched().subList(0, Math.min(SHOWN, r.unmatched().size()))),
            r.unmatched().size() > SHOWN ? ", …" : "");
      }
      if (!read.rejected().isEmpty()) {
        out.println("  Rejected, nothing done with them:");
        for (Rejected x : read.rejected().subList(0, Math.min(SHOWN, read.rejected().size()))) {
          out.println("    " + x);
        }
        if (read.rejected().size() > SHOWN) {
          out.printf(
              Locale.ROOT,
              "    … and %,d more%s%n",
              read.rejected().size() - SHOWN,
              rejects == null ? " (--rejects FILE writes them all)" : "");
        }
        if (rejects != null) {
          out.println("  Every rejected row or message is in " + rejects);
        }
      }
    }
  }

  private static String count(long n, String one) {
    return count(n, one, one + "s");
  }

  private static String count(long n, String one, String many) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
  }

  private static void writeRejects(Path target, List<Rejected> rejected) {
    Path tmp = AtomicOutput.tempFor(target);
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write("file,at,reason,raw\n");
      for (Rejected r : rejected) {
        w.write(
            String.join(
                    ",",
                    Cells.csv(r.origin().file()),
                    r.origin().unit().name().toLowerCase(Locale.ROOT) + " " + r.origin().number(),
                    Cells.csv(r.reason()),
                    Cells.csv(r.raw()))
                + "\n");
      }
    } catch (IOException e) {
      AtomicOutput.discard(tmp);
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
    AtomicOutput.move(tmp, target);
  }
}
