package org.rekindle.outreach.template;

import java.util.List;
import org.rekindle.core.RekindleException;

/** Templates that cannot be used, with every problem found, each naming its file. */
public final class TemplateException extends RekindleException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** Each problem, "file: what is wrong", in the order found. */
  public TemplateException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, "file: what is wrong". */
  public List<String> problems() {
    return problems;
  }
}
