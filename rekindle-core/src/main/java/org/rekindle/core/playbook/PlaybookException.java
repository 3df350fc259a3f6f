package org.rekindle.core.playbook;

import java.util.List;
import java.util.stream.Collectors;
import org.rekindle.core.RekindleException;

/**
 * A playbooks file that cannot be used: every problem found in it, each with its line and column.
 * Nothing of the file is applied.
 */
public class PlaybookException extends RekindleException {
  private static final long serialVersionUID = 1L;

  /**
   * One problem: {@code rekindle.yaml:12:7: unknown key 'tirgger' (did you mean 'trigger'?)}. Lines
   * and columns count from 1.
   */
  public record Problem(String source, int line, int column, String message) {
    @Override
    public String toString() {
      return source + ":" + line + ":" + column + ": " + message;
    }
  }

  @SuppressWarnings("serial") // an immutable list of records
  private final List<Problem> problems;

  public PlaybookException(List<Problem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in file order. */
  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    String list = problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    return problems.size() == 1
        ? list
        : problems.size() + " problems in the playbooks file:\n" + list;
  }
}
