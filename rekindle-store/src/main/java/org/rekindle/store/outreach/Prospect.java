package org.rekindle.store.outreach;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.rekindle.core.playbook.CustomerFacts;

/**
 * What a plan knows of one customer: their record, their latest scores and what stands against
 * reaching them (standing suppressions of their email address and phone number).
 *
 * @param id the internal id
 * @param externalId the customer's own id
 * @param postal the postal address lines, empty when there is none fit for a letter
 * @param suppressedEmail why their email address is suppressed, if it is
 * @param suppressedPhone why their phone number is suppressed, if it is
 * @param monetary their average order, for the estimated cost of a percentage offer
 * @param usualGapDays their usual gap between orders
 */
record Prospect(
    long id,
    String externalId,
    Optional<String> name,
    Optional<String> email,
    Optional<String> phone,
    List<String> postal,
    Optional<ZoneId> zone,
    Optional<LocalDate> lastOrder,
    Optional<LocalDate> dormantOn,
    Optional<String> suppressedEmail,
    Optional<String> suppressedPhone,
    double monetary,
    double usualGapDays,
    CustomerFacts facts) {

  /** The value at risk for ordering, unknown values last. */
  double rank() {
    double v = facts.valueAtRisk();
    return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
  }

  /** The first word of the name, for a greeting; the whole name or "there" otherwise. */
  String firstName() {
    if (name.isEmpty()) {
      return "there";
    }
    String n = name.get().strip();
    int space = n.indexOf(' ');
    return space > 0 ? n.substring(0, space) : n;
  }
}
