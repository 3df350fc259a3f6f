package org.rekindle.core.playbook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.rekindle.core.playbook.PlaybookException.Problem;

/** The problems found in one file so far; reported all together, in file order. */
final class Problems {
  private final String source;
  private final List<Problem> found = new ArrayList<>();

  Problems(String source) {
    this.source = source;
  }

  void add(int line, int column, String message) {
    found.add(new Problem(source, Math.max(line, 1), Math.max(column, 1), message));
  }

  void add(YamlTree.Node at, String message) {
    add(at.line(), at.column(), message);
  }

  int count() {
    return found.size();
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** Throws the problems found, sorted by position (equal positions in the order found). */
  void throwIfAny() {
    if (!found.isEmpty()) {
      List<Problem> sorted = new ArrayList<>(found);
      sorted.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
      throw new PlaybookException(sorted);
    }
  }
}
