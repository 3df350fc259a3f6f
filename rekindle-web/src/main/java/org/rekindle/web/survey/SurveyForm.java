package org.rekindle.web.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rekindle.core.feedback.LeavingReason;
import org.rekindle.store.survey.ComeBack;
import org.rekindle.store.survey.InvalidAnswerException.Field;
import org.rekindle.store.survey.SurveyAnswer;

/**
 * What the survey template shows: the questions with the customer's answers (their earlier answer,
 * or what they just sent), and what is wrong with them, in words. The template escapes all of it.
 *
 * @param business the business's name, for the heading
 * @param action where the form posts: the page's own path
 * @param reasons why they stopped buying, one choice each
 * @param comeBack would they come back: yes, maybe, no
 * @param comment their words about why they left
 * @param bringBack their words about what would bring them back
 * @param problems what is wrong, by question; empty when nothing is
 * @param answeredBefore whether they answered before (the page says they may change it)
 */
public record SurveyForm(
    String business,
    String action,
    List<Choice> reasons,
    List<Choice> comeBack,
    String comment,
    String bringBack,
    Map<Field, String> problems,
    boolean answeredBefore) {

  /** The longest text a question takes, for the text areas. */
  public static final int MAX_TEXT = SurveyAnswer.MAX_TEXT;

  /**
   * One choice of a question.
   *
   * @param value what the form sends
   * @param words what the customer reads
   * @param checked whether it is chosen
   */
  public record Choice(String value, String words, boolean checked) {
    public Choice {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(words, "words");
    }

    /** The id of its radio button, for its label. */
    public String id() {
      return "choice-" + value.replace('_', '-');
    }
  }

  public SurveyForm {
    Objects.requireNonNull(business, "business");
    Objects.requireNonNull(action, "action");
    reasons = List.copyOf(reasons);
    comeBack = List.copyOf(comeBack);
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(bringBack, "bringBack");
    problems = Map.copyOf(problems);
  }

  /**
   * The form with these answers chosen: each value as the form sends it ({@code price}, {@code
   * maybe}), empty for none.
   */
  static SurveyForm of(
      String business,
      String action,
      String reason,
      String comeBack,
      String comment,
      String bringBack,
      Map<Field, String> problems,
      boolean answeredBefore) {
    List<Choice> reasons = new ArrayList<>();
    for (LeavingReason r : LeavingReason.values()) {
      reasons.add(new Choice(r.label(), words(r), r.label().equals(reason)));
    }
    List<Choice> back = new ArrayList<>();
    for (ComeBack c : ComeBack.values()) {
      back.add(new Choice(c.id(), words(c), c.id().equals(comeBack)));
    }
    return new SurveyForm(
        business, action, reasons, back, comment, bringBack, problems, answeredBefore);
  }

  /** The problem with a question, or "" when there is none. */
  public String problem(Field field) {
    return problems.getOrDefault(field, "");
  }

  /** Whether anything is wrong. */
  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  /** A reason as the customer reads it: capitalised words. */
  private static String words(LeavingReason r) {
    String w = r.words();
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  private static String words(ComeBack c) {
    return switch (c) {
      case YES -> "Yes";
      case MAYBE -> "Maybe";
      case NO -> "No";
    };
  }
}
