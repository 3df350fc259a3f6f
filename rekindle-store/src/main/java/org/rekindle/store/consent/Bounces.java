package org.rekindle.store.consent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.rekindle.core.bounce.Bounce;
import org.rekindle.core.bounce.BounceFile;
import org.rekindle.store.Store;

/**
 * Applies bounces, complaints and unsubscribes reported after mail left, so nothing is sent to
 * those addresses again:
 *
 * <ul>
 *   <li>a hard bounce suppresses the address ({@code bounced}, source {@code bounce}); staff may
 *       lift it once the address is fixed;
 *   <li>a spam complaint suppresses it ({@code complained}, source {@code complaint}) and turns off
 *       the email consent of every customer with that address, as the customer's own "stop": only
 *       the customer can lift or undo either (migrations V4, V5);
 *   <li>an unsubscribe does the same as the customer's own word ({@code unsubscribed}, source
 *       {@code customer});
 *   <li>a soft bounce is a failure for now: it is counted and changes nothing.
 * </ul>
 *
 * <p>An address is suppressed whether or not a customer has it. A suppression already standing on
 * an address is kept as it is (a second is never added), so applying the same file again changes
 * nothing, and says so. Complaints are applied first, then unsubscribes, then hard bounces: when a
 * file reports an address more than once, the customer's own word is the one that stands. Each
 * address is applied in its own transaction, so an import stopped midway can simply be run again.
 */
public final class Bounces {
  private static final int MAX_NOTE = 500;

  /**
   * What applying a file did.
   *
   * @param source the file, as named to the reader
   * @param read the reports in the file, rejected ones included
   * @param hard hard bounces read
   * @param complaints spam complaints read
   * @param unsubscribes unsubscribes read
   * @param soft soft bounces read: counted, never suppressed
   * @param rejected reports that could not be read, and changed nothing
   * @param suppressed addresses suppressed by this import, by reason
   * @param alreadySuppressed addresses reported that were suppressed already (kept as they were)
   * @param consentWithdrawn customers whose email consent this import turned off
   * @param unmatched addresses suppressed or found suppressed that no customer has, in order
   */
  public record Result(
      String source,
      int read,
      int hard,
      int complaints,
      int unsubscribes,
      int soft,
      int rejected,
      Map<Suppressions.Reason, Integer> suppressed,
      int alreadySuppressed,
      int consentWithdrawn,
      List<String> unmatched) {
    public Result {
      Objects.requireNonNull(source, "source");
      suppressed = Collections.unmodifiableMap(new EnumMap<>(suppressed));
      unmatched = List.copyOf(unmatched);
    }

    /** Addresses suppressed by this import. */
    public int suppressedNew() {
      return suppressed.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private final Store store;
  private final Suppressions suppressions;

  public Bounces(Store store) {
    this.store = store;
    this.suppressions = new Suppressions(store.jdbi());
  }

  /**
   * Applies what was read from a file.
   *
   * @param actor who is importing, kept with every suppression and consent change
   */
  public Result apply(BounceFile file, String actor) {
    Map<Bounce.Kind, Integer> read = new EnumMap<>(Bounce.Kind.class);
    for (Bounce b : file.bounces()) {
      read.merge(b.kind(), 1, Integer::sum);
    }
    Map<String, List<String>> customers = customersByEmail(file.bounces());
    Map<Suppressions.Reason, Integer> suppressed = new EnumMap<>(Suppressions.Reason.class);
    Set<String> seen = new HashSet<>();
    Set<String> withdrawn = new HashSet<>();
    Set<String> unmatched = new TreeSet<>();
    int already = 0;
    for (Bounce.Kind kind :
        List.of(Bounce.Kind.COMPLAINT, Bounce.Kind.UNSUBSCRIBE, Bounce.Kind.HARD)) {
      Suppressions.Reason reason = reason(kind);
      ConsentLog.Source source = source(kind);
      for (Bounce b : file.bounces()) {
        if (b.kind() != kind) {
          continue;
        }
        String address = Suppressions.normalise(ConsentLog.Channel.EMAIL, b.address());
        String note = note(b);
        if (seen.add(address)) {
          if (suppressions.suppress(
              ConsentLog.Channel.EMAIL, address, reason, source, actor, note)) {
            suppressed.merge(reason, 1, Integer::sum);
          } else {
            already++;
          }
        }
        List<String> ids = customers.getOrDefault(address, List.of());
        if (ids.isEmpty()) {
          unmatched.add(address);
        }
        // a bounce says nothing of what the customer wants; a complaint or an unsubscribe is
        // their own "stop", which ConsentLog keeps as such
        if (kind != Bounce.Kind.HARD) {
          for (String id : ids) {
            if (ConsentLog.change(
                store, id, ConsentLog.Channel.EMAIL, false, source, actor, note)) {
              withdrawn.add(id);
            }
          }
        }
      }
    }
    return new Result(
        file.source(),
        file.read(),
        read.getOrDefault(Bounce.Kind.HARD, 0),
        read.getOrDefault(Bounce.Kind.COMPLAINT, 0),
        read.getOrDefault(Bounce.Kind.UNSUBSCRIBE, 0),
        read.getOrDefault(Bounce.Kind.SOFT, 0),
        file.rejected().size(),
        suppressed,
        already,
        withdrawn.size(),
        new ArrayList<>(unmatched));
  }

  private static Suppressions.Reason reason(Bounce.Kind kind) {
    return switch (kind) {
      case HARD -> Suppressions.Reason.BOUNCED;
      case COMPLAINT -> Suppressions.Reason.COMPLAINED;
      case UNSUBSCRIBE -> Suppressions.Reason.UNSUBSCRIBED;
      case SOFT -> throw new IllegalArgumentException("a soft bounce suppresses nothing");
    };
  }

  private static ConsentLog.Source source(Bounce.Kind kind) {
    return switch (kind) {
      case HARD -> ConsentLog.Source.BOUNCE;
      case COMPLAINT -> ConsentLog.Source.COMPLAINT;
      case UNSUBSCRIBE -> ConsentLog.Source.CUSTOMER;
      case SOFT -> throw new IllegalArgumentException("a soft bounce suppresses nothing");
    };
  }

  /** "hard bounce (bounces.csv line 4) on 2024-05-01T10:00:00Z: 550 5.1.1 user unknown". */
  private static String note(Bounce b) {
    String note =
        b.kind().words()
            + " ("
            + b.origin()
            + ")"
            + b.at().map(t -> " on " + t).orElse("")
            + (b.detail().isEmpty() ? "" : ": " + b.detail())
            + b.messageId().map(id -> "; message " + id).orElse("");
    return note.length() > MAX_NOTE ? note.substring(0, MAX_NOTE - 3) + "..." : note;
  }

  /** The customers (external ids) holding each address that would be suppressed. */
  private Map<String, List<String>> customersByEmail(List<Bounce> bounces) {
    Set<String> addresses = new LinkedHashSet<>();
    for (Bounce b : bounces) {
      if (b.kind() != Bounce.Kind.SOFT) {
        addresses.add(Suppressions.normalise(ConsentLog.Channel.EMAIL, b.address()));
      }
    }
    Map<String, List<String>> byEmail = new HashMap<>();
    if (addresses.isEmpty()) {
      return byEmail;
    }
    store
        .jdbi()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT lower(btrim(email)) AS email, external_id FROM customers"
                            + " WHERE lower(btrim(email)) = ANY(:emails) ORDER BY external_id")
                    .bindArray("emails", String.class, addresses)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(
                        e ->
                            byEmail
                                .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(e.getValue())));
    return byEmail;
  }
}
