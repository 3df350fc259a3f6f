package org.rekindle.core.playbook;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Whatever the text, reading playbooks fails only with {@link PlaybookException}. Runs the seeds in
 * {@code PlaybookLoaderFuzzTestInputs} in every build; fuzz with {@code JAZZER_FUZZ=1}.
 */
class PlaybookLoaderFuzzTest {
  @FuzzTest
  void parse_anyText_failsOnlyWithPlaybookException(byte[] data) {
    try {
      PlaybookLoader.parse(new String(data, StandardCharsets.UTF_8), "fuzz.yaml");
    } catch (PlaybookException expected) {
      // The only exception allowed.
    }
  }
}
