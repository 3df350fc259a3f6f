package org.rekindle.core.feedback;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever the text, {@link LeavingReason#parse} returns a reason whose own label reads back as it,
 * or refuses with {@link IllegalArgumentException}. Runs the seeds in {@code
 * LeavingReasonFuzzTestInputs} in every build; fuzz with {@code JAZZER_FUZZ=1}.
 */
class LeavingReasonFuzzTest {
  @FuzzTest
  void parse_anyText_refusesOnlyWithIllegalArgument(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    LeavingReason r;
    try {
      r = LeavingReason.parse(text);
    } catch (IllegalArgumentException expected) {
      return;
    }
    if (LeavingReason.parse(r.label()) != r || LeavingReason.parse(r.words()) != r) {
      throw new AssertionError(r + " from '" + text + "' does not read back from its label");
    }
  }
}
