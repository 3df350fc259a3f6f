package org.rekindle.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.rekindle.core.playbook.Business;
import org.rekindle.core.playbook.PlaybookLoader;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.outreach.letter.LetterTemplates;

/**
 * What the dashboard reads from the Rekindle home besides the store: the playbooks of {@code
 * rekindle.yaml} (with the business, and the contact policy whose time zone says which day it is)
 * and the letter templates, as {@code rekindle serve} loads them.
 */
public record OutreachSetup(Playbooks playbooks, LetterTemplates letterTemplates) {
  public OutreachSetup {
    Objects.requireNonNull(playbooks, "playbooks");
    Objects.requireNonNull(letterTemplates, "letterTemplates");
  }

  /** The built-in default playbooks and the shipped letter templates, from this business. */
  public static OutreachSetup builtIn(Business business) {
    Playbooks d = PlaybookLoader.loadDefault();
    return new OutreachSetup(
        new Playbooks(
            d.settings(), d.policy(), business, d.playbooks(), d.source(), d.serviceRecovery()),
        LetterTemplates.load(Optional.empty()));
  }

  /** The business the pages are of. */
  public Business business() {
    return playbooks.business();
  }

  /** Today in the business's time zone ({@code contact_policy.time_zone}). */
  public LocalDate today(Clock clock) {
    return LocalDate.now(clock.withZone(playbooks.policy().defaultZone()));
  }
}
