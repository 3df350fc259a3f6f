package org.rekindle.core.playbook;

import java.util.Locale;
import java.util.Optional;

/** The lifecycle states a daily run records ({@code lifecycle_states.state}). */
public enum CustomerState {
  NEW,
  ACTIVE,
  LAPSING,
  DORMANT,
  LOST,
  REACTIVATED;

  /** The name written in files and the store. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state of this label, exactly as {@link #label()} writes it. */
  public static Optional<CustomerState> ofLabel(String label) {
    for (CustomerState state : values()) {
      if (state.label().equals(label)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
