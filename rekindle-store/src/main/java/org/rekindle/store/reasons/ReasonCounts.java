package org.rekindle.store.reasons;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rekindle.core.feedback.LeavingReason;

/**
 * The answers of one group (everyone, a period, a segment, a rep, a lifecycle state) by reason.
 * Shares are of the answers that give a reason; the answers without one are counted apart.
 *
 * @param group the group's name: "" for everyone, the period's key, the segment, rep or state
 *     ("none" when the answer recorded none)
 * @param counts every reason, zeros included, in the order of {@link LeavingReason}
 * @param noReason answers that gave no reason (they said whether they would come back, or wrote
 *     something, but picked no reason)
 */
public record ReasonCounts(String group, Map<LeavingReason, Long> counts, long noReason) {
  public ReasonCounts {
    Objects.requireNonNull(group, "group");
    EnumMap<LeavingReason, Long> all = new EnumMap<>(LeavingReason.class);
    for (LeavingReason r : LeavingReason.values()) {
      long n = counts.getOrDefault(r, 0L);
      if (n < 0) {
        throw new IllegalArgumentException("a count must not be negative: " + r + " " + n);
      }
      all.put(r, n);
    }
    if (noReason < 0) {
      throw new IllegalArgumentException("a count must not be negative: " + noReason);
    }
    counts = Collections.unmodifiableMap(all);
  }

  /** A group with no answers. */
  public static ReasonCounts empty(String group) {
    return new ReasonCounts(group, Map.of(), 0);
  }

  /** The answers giving the reason. */
  public long count(LeavingReason reason) {
    return counts.getOrDefault(reason, 0L);
  }

  /** The answers that give a reason: what shares are of. */
  public long withReason() {
    long n = 0;
    for (long c : counts.values()) {
      n += c;
    }
    return n;
  }

  /** All the group's answers, with a reason or not. */
  public long answers() {
    return withReason() + noReason;
  }

  /** The reason's share of the answers that give one, in [0, 1]; 0 when none gives one. */
  public double share(LeavingReason reason) {
    long n = withReason();
    return n == 0 ? 0 : (double) count(reason) / n;
  }

  /** The reasons given at least once, most often first (ties in the order of the taxonomy). */
  public List<LeavingReason> ranked() {
    List<LeavingReason> given = new ArrayList<>();
    for (LeavingReason r : LeavingReason.values()) {
      if (count(r) > 0) {
        given.add(r);
      }
    }
    given.sort(Comparator.comparingLong(this::count).reversed());
    return given;
  }
}
