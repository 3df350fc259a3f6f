package org.rekindle.store.survey;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A survey answer that cannot be kept, with every problem found, each naming the question it is
 * about so a form can show it beside that question.
 */
public final class InvalidAnswerException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The questions of the survey, and the answer as a whole. */
  public enum Field {
    REASON,
    COME_BACK,
    BRING_BACK,
    COMMENT,
    /** The answer as a whole (nothing was answered). */
    ANSWER
  }

  /**
   * One problem.
   *
   * @param field the question it is about
   * @param message what is wrong, in words for the person who answered
   */
  public record Problem(Field field, String message) {
    public Problem {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(message, "message");
    }
  }

  @SuppressWarnings("serial") // an immutable list of records
  private final List<Problem> problems;

  InvalidAnswerException(List<Problem> problems) {
    super(problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid answer has at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order of the questions. */
  public List<Problem> problems() {
    return problems;
  }
}
