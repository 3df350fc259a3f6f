package org.rekindle.core.playbook;

import java.math.BigDecimal;
import java.util.List;

/**
 * A playbook in words, for people reading what is configured: the command line's {@code rekindle
 * playbooks} and the dashboard's outreach page say it the same way.
 */
public final class PlaybookWords {
  private PlaybookWords() {}

  /** When it starts, in words: "a customer becomes lapsing". */
  public static String trigger(Trigger trigger) {
    if (trigger instanceof Trigger.EnteredState t) {
      return "a customer becomes " + t.state().label();
    }
    if (trigger instanceof Trigger.AccountNoticeDue) {
      return "a credit account's dormancy notice is due";
    }
    if (trigger instanceof Trigger.NoContactFor t) {
      String who =
          t.segment().map(s -> " in segment " + s).orElse("")
              + t.tag().map(s -> " tagged " + s).orElse("");
      return "a customer" + who + " has had no contact for " + t.days() + " days";
    }
    if (trigger instanceof Trigger.Birthday t) {
      return t.daysBefore() == 0
          ? "it is a customer's birthday"
          : "a customer's birthday is " + t.daysBefore() + " days away";
    }
    if (trigger instanceof Trigger.CustomerSinceAnniversary t) {
      return t.daysBefore() == 0
          ? "it is the anniversary of a customer's first day"
          : "the anniversary of a customer's first day is " + t.daysBefore() + " days away";
    }
    Trigger.LostFor t = (Trigger.LostFor) trigger;
    return "a customer has been lost for " + t.days() + " days";
  }

  /** One step in words: "email 'win-back'", "wait 7 days". */
  public static String step(Step step) {
    if (step instanceof Step.Email s) {
      return "email '" + s.template() + "'";
    }
    if (step instanceof Step.Letter s) {
      return "letter '" + s.template() + "'";
    }
    if (step instanceof Step.CallTask s) {
      return s.assignTo() == Step.Assignee.POOL ? "call (anyone)" : "call (their rep)";
    }
    if (step instanceof Step.Offer s) {
      String what =
          switch (s.offerKind()) {
            case PERCENT -> plain(s.value()) + "% off";
            case AMOUNT ->
                plain(s.value())
                    + s.currency().map(c -> " " + c.getCurrencyCode()).orElse("")
                    + " off";
            case FREE_SERVICE -> "a free service worth " + plain(s.value());
          };
      return "offer " + what + " for " + s.expiresInDays() + " days";
    }
    if (step instanceof Step.SurveyLink s) {
      return "survey '" + s.template() + "' by " + s.channel().label();
    }
    return "wait " + ((Step.Wait) step).days() + " days";
  }

  /** What stops it, in words: "they ordered or replied (or all steps are done)". */
  public static String stops(Playbook p) {
    if (p.stopWhen().isEmpty()) {
      return "all steps are done";
    }
    List<String> why = p.stopWhen().stream().sorted().map(StopWhen::label).toList();
    return "they " + String.join(" or ", why) + " (or all steps are done)";
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  /** A holdout share as a percentage: "10%". */
  public static String percent(double share) {
    return BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString() + "%";
  }
}
