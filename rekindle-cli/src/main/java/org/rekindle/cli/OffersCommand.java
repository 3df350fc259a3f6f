package org.rekindle.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.offer.Offer;
import org.rekindle.core.offer.OfferKind;
import org.rekindle.store.Store;
import org.rekindle.store.offer.Offers;
import org.rekindle.store.offer.Redemption;
import org.rekindle.store.offer.StoredOffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rekindle offers}: single-use offers, issued, redeemed at the till, listed. */
@Command(
    name = "offers",
    mixinStandardHelpOptions = true,
    description = {
      "Single-use offers: a percentage or an amount off, or a free service, with a code of its"
          + " own for one customer and an expiry. A code is honoured once; an expired, used or"
          + " withdrawn one never.",
      ""
    },
    subcommands = {
      OffersCommand.Issue.class,
      OffersCommand.Redeem.class,
      OffersCommand.ListOffers.class
    })
final class OffersCommand implements Callable<Integer> {
  /** Exit code of {@code redeem} when the code is not to be honoured. */
  static final int EXIT_NOT_HONOURED = 4;

  @Override
  public Integer call() {
    throw new UsageException("say what to do with offers: issue, redeem or list");
  }

  private static BigDecimal number(String option, String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(option + " must be a number like 15 or 19.99, was '" + text + "'");
    }
  }

  /** {@code rekindle offers issue CUSTOMER}. */
  @Command(
      name = "issue",
      mixinStandardHelpOptions = true,
      description = {"Issues an offer to a customer and prints its code.", ""})
  static final class Issue implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Parameters(index = "0", paramLabel = "CUSTOMER", description = "The customer's id.")
    String customer = "";

    @Option(
        names = "--kind",
        required = true,
        paramLabel = "percent|amount|free_service",
        description = "What the offer gives.")
    String kind = "";

    @Option(
        names = "--value",
        required = true,
        paramLabel = "N",
        description =
            "The percentage off (more than 0, at most 100), the amount off, or a free service's"
                + " nominal cost (what giving it costs the business).")
    String value = "";

    @Option(
        names = "--currency",
        paramLabel = "CODE",
        description = "The currency of an amount or of a service's cost (ISO 4217).")
    @Nullable String currency;

    @Option(
        names = "--description",
        paramLabel = "TEXT",
        description = "What is offered, in words; required for a free service.")
    @Nullable String description;

    @Option(
        names = "--days",
        paramLabel = "N",
        defaultValue = "30",
        description = "Valid for N days from today, through the last of them. Default: 30.")
    int days = 30;

    @Option(
        names = "--any-order",
        description =
            "Redeemed by the customer's first order while it is valid, whether or not the order"
                + " carries the code.")
    boolean anyOrder;

    @Override
    public Integer call() {
      if (days < 1) {
        throw new UsageException("--days must be at least 1");
      }
      Offer terms;
      try {
        terms =
            new Offer(
                OfferKind.parse(kind),
                number("--value", value),
                Optional.ofNullable(currency).map(c -> c.strip().toUpperCase(Locale.ROOT)),
                Optional.ofNullable(description));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e);
      }
      ZoneId zone = ZoneId.systemDefault();
      Instant expires = LocalDate.now(zone).plusDays(days + 1L).atStartOfDay(zone).toInstant();
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        StoredOffer f =
            new Offers(s.jdbi(), Clock.systemUTC())
                .issue(
                    customer.strip(),
                    terms,
                    expires,
                    new Offers.IssueOptions(anyOrder, Optional.empty(), Optional.empty()));
        out.printf(
            Locale.ROOT,
            "%s for %s: %s, valid until %s%s.%n",
            f.code().grouped(),
            f.customerId(),
            f.terms().describe(),
            f.expiresAt().atZone(zone).toLocalDate().minusDays(1),
            anyOrder ? ", redeemed by any order" : "");
      }
      return 0;
    }
  }

  /** {@code rekindle offers redeem CODE}. */
  @Command(
      name = "redeem",
      mixinStandardHelpOptions = true,
      description = {
        "Redeems a code, as typed (case, spaces and dashes do not matter), for a stored order or"
            + " a sale at the till. Exit code 0 when the code is to be honoured, "
            + EXIT_NOT_HONOURED
            + " when not, with the reason.",
        ""
      })
  static final class Redeem implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Parameters(index = "0", paramLabel = "CODE", description = "The code.")
    String code = "";

    @Option(names = "--order", paramLabel = "ID", description = "A stored order's id.")
    @Nullable String order;

    @Option(names = "--customer", paramLabel = "ID", description = "The buying customer's id.")
    @Nullable String customer;

    @Option(names = "--amount", paramLabel = "N", description = "The sale's amount.")
    @Nullable String amount;

    @Option(
        names = "--currency",
        paramLabel = "CODE",
        defaultValue = "USD",
        description = "The sale's currency. Default: USD.")
    String currency = "USD";

    @Option(
        names = "--at",
        paramLabel = "TIME",
        description = "When, like 2024-03-31T15:00:00Z. Default: now.")
    @Nullable String at;

    @Override
    public Integer call() {
      Instant when;
      try {
        when = at == null ? Instant.now() : OffsetDateTime.parse(at.strip()).toInstant();
      } catch (DateTimeParseException e) {
        throw new UsageException("--at must be a time like 2024-03-31T15:00:00Z, was '" + at + "'");
      }
      if ((order == null) == (customer == null || amount == null)) {
        throw new UsageException(
            "give either --order ID, or --customer ID with --amount N for a sale not stored yet");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        Offers offers = new Offers(s.jdbi(), Clock.systemUTC());
        Redemption r;
        try {
          r =
              order != null
                  ? offers.redeemOrder(code, order.strip(), when)
                  : offers.redeem(
                      code,
                      customer.strip(),
                      number("--amount", amount),
                      currency.strip().toUpperCase(Locale.ROOT),
                      when);
        } catch (IllegalArgumentException e) {
          throw new UsageException(e);
        }
        out.println(r.message() + ".");
        return r.redeemed() ? 0 : EXIT_NOT_HONOURED;
      }
    }
  }

  /** {@code rekindle offers list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {"Lists offers, the latest issued first.", ""})
  static final class ListOffers implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Option(names = "--customer", paramLabel = "ID", description = "Only this customer's.")
    @Nullable String customer;

    @Option(
        names = "--status",
        paramLabel = "issued|redeemed|expired|void",
        description = "Only offers that stand so.")
    @Nullable String status;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "50",
        description = "At most N offers. Default: 50.")
    int limit = 50;

    @Override
    public Integer call() {
      if (limit < 1) {
        throw new UsageException("--limit must be at least 1");
      }
      Optional<StoredOffer.Status> only;
      try {
        only = Optional.ofNullable(status).map(StoredOffer.Status::parse);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--status: " + e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        List<StoredOffer> list =
            new Offers(s.jdbi(), Clock.systemUTC())
                .list(Optional.ofNullable(customer).map(String::strip), only, limit);
        if (list.isEmpty()) {
          out.println("No offers.");
          return 0;
        }
        out.printf(
            Locale.ROOT,
            "%-15s  %-10s  %-24s  %-8s  %-20s  %-20s  %s%n",
            "code",
            "customer",
            "offer",
            "status",
            "issued",
            "expires",
            "cost");
        for (StoredOffer f : list) {
          out.printf(
              Locale.ROOT,
              "%-15s  %-10s  %-24s  %-8s  %-20s  %-20s  %s%n",
              f.code().grouped(),
              f.customerId(),
              f.terms().describe(),
              f.status().label(),
              f.issuedAt(),
              f.expiresAt(),
              f.cost().map(c -> Offer.money(c) + " " + f.costCurrency().orElse("")).orElse(""));
        }
      }
      return 0;
    }
  }
}
