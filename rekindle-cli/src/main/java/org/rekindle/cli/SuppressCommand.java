package org.rekindle.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.store.Store;
import org.rekindle.store.consent.ConsentLog;
import org.rekindle.store.consent.Suppressions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rekindle suppress}: addresses nothing may be sent to. */
@Command(
    name = "suppress",
    mixinStandardHelpOptions = true,
    description = {
      "Suppresses an address on a channel, so nothing is sent to it; --lift lifts a suppression"
          + " (never one the customer asked for: an unsubscribe or a complaint, which only the"
          + " customer can take back); --list shows those standing. Suppressions are kept, never"
          + " deleted.",
      ""
    })
final class SuppressCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Parameters(index = "0", arity = "0..1", paramLabel = "ADDRESS", description = "The address.")
  @Nullable String address;

  @Option(
      names = "--reason",
      paramLabel = "REASON",
      description = "unsubscribed, complained, bounced, do-not-contact or wrong-number.")
  @Nullable String reason;

  @Option(
      names = "--channel",
      paramLabel = "email|letter|phone|sms",
      description = "Default: ${DEFAULT-VALUE}.")
  String channel = "email";

  @Option(names = "--note", paramLabel = "TEXT", description = "Why, kept with it.")
  String note = "";

  @Option(
      names = "--by",
      paramLabel = "NAME",
      description = "Who is doing this. Default: the user name.")
  @Nullable String by;

  @Option(names = "--lift", description = "Lift the suppression on ADDRESS instead.")
  boolean lift;

  @Option(names = "--list", description = "List the suppressions standing (the latest 100).")
  boolean list;

  @Override
  public Integer call() {
    ConsentLog.Channel ch;
    try {
      ch = ConsentLog.Channel.valueOf(channel.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--channel must be email, letter, phone or sms, was '" + channel + "'");
    }
    String actor = by != null ? by : System.getProperty("user.name", "staff");
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      try (Store s = store.open(spec.commandLine().getErr())) {
        List<Suppressions.Suppression> standing = new Suppressions(s.jdbi()).standing(100);
        out.printf(Locale.ROOT, "%,d suppressions standing (the latest first):%n", standing.size());
        for (Suppressions.Suppression x : standing) {
          out.printf(
              Locale.ROOT,
              "  %-6s %-36s %-15s by %s (%s) since %s%s%n",
              x.channel(),
              x.address(),
              x.reason(),
              x.actor(),
              x.source(),
              x.since(),
              x.note().map(n -> ": " + n).orElse(""));
        }
      }
      return 0;
    }
    if (address == null || address.isBlank()) {
      throw new UsageException("say which address: rekindle suppress ADDRESS --reason R");
    }
    try (Store s = store.open(spec.commandLine().getErr())) {
      Suppressions suppressions = new Suppressions(s.jdbi());
      if (lift) {
        Suppressions.Suppression was =
            suppressions.lift(ch, address, ConsentLog.Source.STAFF, actor, note);
        out.printf(
            Locale.ROOT,
            "Lifted: %s %s may be contacted again (it was %s since %s).%n",
            was.channel(),
            was.address(),
            was.reason(),
            was.since());
        return 0;
      }
      if (reason == null) {
        throw new UsageException("say why with --reason");
      }
      Suppressions.Reason why;
      try {
        why = Suppressions.Reason.parse(reason);
      } catch (IllegalArgumentException e) {
        throw new UsageException(String.valueOf(e.getMessage()));
      }
      String normal = Suppressions.normalise(ch, address);
      if (suppressions.suppress(ch, address, why, ConsentLog.Source.STAFF, actor, note)) {
        out.printf(
            Locale.ROOT, "Suppressed: nothing goes to %s %s (%s).%n", ch.id(), normal, why.id());
      } else {
        Suppressions.Suppression standing = suppressions.find(ch, address).orElseThrow();
        out.printf(
            Locale.ROOT,
            "Already suppressed: %s %s (%s since %s); kept as it was.%n",
            ch.id(),
            standing.address(),
            standing.reason(),
            standing.since());
      }
    }
    return 0;
  }
}
