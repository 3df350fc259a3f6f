package org.rekindle.core.playbook;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule: when {@code trigger} fires for a customer who meets {@code condition}, do {@code steps}
 * in order, stopping early on any of {@code stopWhen}. A share {@code holdout} of the customers it
 * would reach is held out at random, persistently, to measure what it changed.
 *
 * @param id a stable slug (lower-case letters, digits, dashes); outreach uses it in its dedupe
 *     keys, so renaming it starts the playbook afresh for everyone
 * @param priority when several playbooks fire for a customer on the same day, the highest goes
 *     first; equal priorities go in file order
 */
public record Playbook(
    String id,
    String name,
    boolean enabled,
    Trigger trigger,
    Condition condition,
    List<Step> steps,
    Set<StopWhen> stopWhen,
    double holdout,
    int priority) {

  /** What an id looks like. */
  public static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

  /** The largest holdout share allowed: at least half the customers are always reached. */
  public static final double MAX_HOLDOUT = 0.5;

  public Playbook {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("bad playbook id: " + id);
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(condition, "condition");
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a playbook needs at least one step");
    }
    stopWhen = Set.copyOf(stopWhen);
    if (!(holdout >= 0 && holdout <= MAX_HOLDOUT)) {
      throw new IllegalArgumentException("holdout must be between 0 and " + MAX_HOLDOUT);
    }
  }
}
