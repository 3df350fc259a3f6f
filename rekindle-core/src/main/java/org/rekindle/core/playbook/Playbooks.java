package org.rekindle.core.playbook;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A whole {@code rekindle.yaml}: the settings, the contact policy, the business the messages come
 * from, and the playbooks in file order, every id distinct.
 *
 * @param source where they were read from, for messages ("rekindle.yaml", or the built-in default)
 * @param serviceRecovery the SLA of cases opened by negative feedback, and who a breach goes to
 */
public record Playbooks(
    Settings settings,
    ContactPolicy policy,
    Business business,
    List<Playbook> playbooks,
    String source,
    ServiceRecovery serviceRecovery) {

  /**
   * What applies to every playbook that does not say otherwise.
   *
   * @param holdout the holdout share of a playbook without one
   * @param stopWhen what stops a playbook without its own {@code stop_when}
   */
  public record Settings(double holdout, Set<StopWhen> stopWhen) {
    public static final Settings DEFAULT =
        new Settings(0.10, Set.of(StopWhen.ORDERED, StopWhen.REPLIED));

    public Settings {
      if (!(holdout >= 0 && holdout <= Playbook.MAX_HOLDOUT)) {
        throw new IllegalArgumentException("holdout must be between 0 and " + Playbook.MAX_HOLDOUT);
      }
      stopWhen = Set.copyOf(stopWhen);
    }
  }

  public Playbooks {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(business, "business");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(serviceRecovery, "serviceRecovery");
    playbooks = List.copyOf(playbooks);
    Set<String> ids = new HashSet<>();
    for (Playbook playbook : playbooks) {
      if (!ids.add(playbook.id())) {
        throw new IllegalArgumentException("duplicate playbook id: " + playbook.id());
      }
    }
  }

  /** Playbooks with the default service recovery. */
  public Playbooks(
      Settings settings,
      ContactPolicy policy,
      Business business,
      List<Playbook> playbooks,
      String source) {
    this(settings, policy, business, playbooks, source, ServiceRecovery.DEFAULT);
  }

  /** The playbook with this id. */
  public Optional<Playbook> find(String id) {
    return playbooks.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The enabled playbooks, highest priority first, equal priorities in file order. */
  public List<Playbook> enabledByPriority() {
    return playbooks.stream()
        .filter(Playbook::enabled)
        .sorted((a, b) -> Integer.compare(b.priority(), a.priority()))
        .toList();
  }
}
