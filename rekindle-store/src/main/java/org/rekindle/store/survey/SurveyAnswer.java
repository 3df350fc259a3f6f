package org.rekindle.store.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.feedback.LeavingReason;
import org.rekindle.store.survey.InvalidAnswerException.Field;
import org.rekindle.store.survey.InvalidAnswerException.Problem;

/**
 * What a customer answered to the exit survey: why they stopped buying, would they come back, what
 * would bring them back, and anything else they wrote. Every question may be left out, but not all
 * of them; the two texts are stripped, and at most {@value #MAX_TEXT} characters each.
 *
 * @param reason why they stopped buying
 * @param comeBack would they come back
 * @param bringBack what would bring them back, in their words
 * @param comment anything else, in their words (for an answer from a call, the rep's note)
 * @throws InvalidAnswerException naming every question whose answer cannot be kept
 */
public record SurveyAnswer(
    Optional<LeavingReason> reason,
    Optional<ComeBack> comeBack,
    Optional<String> bringBack,
    Optional<String> comment) {

  /** The longest text kept for one question, in characters (Unicode code points). */
  public static final int MAX_TEXT = 2_000;

  public SurveyAnswer {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(comeBack, "comeBack");
    bringBack = stripped(bringBack);
    comment = stripped(comment);
    List<Problem> problems = new ArrayList<>();
    tooLong(problems, Field.BRING_BACK, "what would bring you back", bringBack);
    tooLong(problems, Field.COMMENT, "what you wrote about why you left", comment);
    if (reason.isEmpty() && comeBack.isEmpty() && bringBack.isEmpty() && comment.isEmpty()) {
      problems.add(new Problem(Field.ANSWER, "please answer at least one of the questions"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidAnswerException(problems);
    }
  }

  /**
   * An answer from text as a form or a command line gives it: {@code null} or blank for a question
   * left out, the reason as {@link LeavingReason#parse} reads it, come back as {@link
   * ComeBack#parse} reads it.
   *
   * @throws InvalidAnswerException naming every question whose answer cannot be read or kept
   */
  public static SurveyAnswer of(
      @Nullable String reason,
      @Nullable String comeBack,
      @Nullable String bringBack,
      @Nullable String comment) {
    List<Problem> problems = new ArrayList<>();
    Optional<LeavingReason> why = Optional.empty();
    if (reason != null && !reason.isBlank()) {
      try {
        why = Optional.of(LeavingReason.parse(reason));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(Field.REASON, "please choose one of the reasons listed"));
      }
    }
    Optional<ComeBack> back = Optional.empty();
    if (comeBack != null && !comeBack.isBlank()) {
      try {
        back = Optional.of(ComeBack.parse(comeBack));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(Field.COME_BACK, "please choose yes, maybe or no"));
      }
    }
    Optional<String> bring = Optional.ofNullable(bringBack);
    Optional<String> other = Optional.ofNullable(comment);
    if (!problems.isEmpty()) {
      // the texts' own problems too, so one round trip shows them all
      tooLong(problems, Field.BRING_BACK, "what would bring you back", stripped(bring));
      tooLong(problems, Field.COMMENT, "what you wrote about why you left", stripped(other));
      throw new InvalidAnswerException(problems);
    }
    return new SurveyAnswer(why, back, bring, other);
  }

  private static Optional<String> stripped(Optional<String> text) {
    // a NUL cannot be stored in PostgreSQL's text and shows nothing: it is dropped
    return Objects.requireNonNull(text, "text")
        .map(t -> t.replace("\u0000", "").strip())
        .filter(t -> !t.isEmpty());
  }

  private static void tooLong(
      List<Problem> problems, Field field, String what, Optional<String> text) {
    if (text.isPresent()) {
      int length = text.get().codePointCount(0, text.get().length());
      if (length > MAX_TEXT) {
        problems.add(
            new Problem(
                field,
                what
                    + " is "
                    + length
                    + " characters long; please shorten it to at most "
                    + MAX_TEXT));
      }
    }
  }
}
