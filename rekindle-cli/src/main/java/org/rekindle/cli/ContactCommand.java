package org.rekindle.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.store.Store;
import org.rekindle.store.query.Contacts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rekindle contact ID}: a call made, a letter sent, recorded. */
@Command(
    name = "contact",
    mixinStandardHelpOptions = true,
    description = {
      "Records a contact with a customer: a call made, a letter or email sent, a visit. A"
          + " customer contacted on or after their last order is no longer on the report's"
          + " forgotten list.",
      ""
    })
final class ContactCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Parameters(index = "0", paramLabel = "ID", description = "The customer's id, as imported.")
  String id = "";

  @Option(
      names = "--channel",
      required = true,
      paramLabel = "email|letter|call|sms|visit|other",
      description = "How the customer was reached.")
  String channel = "";

  @Option(
      names = "--on",
      paramLabel = "DATE",
      description = "The day of the contact, not after today. Default: today.")
  @Nullable String on;

  @Option(names = "--note", paramLabel = "TEXT", description = "What was said or sent.")
  @Nullable String note;

  @Override
  public Integer call() {
    Contacts.Channel how;
    try {
      how = Contacts.Channel.parse(channel);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--channel: " + e.getMessage());
    }
    LocalDate today = LocalDate.now(ZoneId.systemDefault());
    LocalDate day = on == null ? today : DateOption.parse("--on", on);
    if (day.isAfter(today)) {
      throw new UsageException(
          "--on " + day + " is after today (" + today + "): record a contact once it happened");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Store s = store.open(spec.commandLine().getErr())) {
      Contacts.Contact c =
          Contacts.record(
              s.jdbi(), id.strip(), day, how, Optional.ofNullable(note), Contacts.SOURCE_COMMAND);
      out.printf(
          Locale.ROOT,
          "Recorded: %s with %s on %s%s (contact %d).%n",
          how.label(),
          c.customerId(),
          c.on(),
          c.note().map(n -> ", \"" + n + "\"").orElse(""),
          c.id());
    }
    return 0;
  }
}
