package org.rekindle.core.feedback;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Whatever the answers, tokenising never fails and grouping counts every non-blank answer once.
 * Runs the seeds in {@code ThemesFuzzTestInputs} in every build; fuzz with {@code JAZZER_FUZZ=1}.
 */
class ThemesFuzzTest {
  private static final Themes THEMES = new Themes(4, 1, 0);

  @FuzzTest
  void group_anyTexts_countsEveryNonBlankAnswerOnce(FuzzedDataProvider data) {
    List<String> answers = new ArrayList<>();
    while (data.remainingBytes() > 0 && answers.size() < 64) {
      answers.add(data.consumeString(300));
    }
    long nonBlank = 0;
    for (String a : answers) {
      for (String term : Themes.terms(a)) {
        if (term.isBlank() || term.startsWith(" ") || term.endsWith(" ")) {
          throw new AssertionError("the term '" + term + "' of '" + a + "' is malformed");
        }
      }
      if (!a.strip().isEmpty()) {
        nonBlank++;
      }
    }
    ThemeReport report = THEMES.group(answers);
    if (report.answers() != nonBlank) {
      throw new AssertionError(report.answers() + " answers grouped of " + nonBlank);
    }
  }
}
