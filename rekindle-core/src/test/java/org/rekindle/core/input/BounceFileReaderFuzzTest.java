package org.rekindle.core.input;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Whatever the bytes, reading a bounce export fails only with {@link InputException}. Runs the
 * seeds in {@code BounceFileReaderFuzzTestInputs} in every build; fuzz with {@code JAZZER_FUZZ=1}.
 */
class BounceFileReaderFuzzTest {
  @FuzzTest
  void read_anyBytes_failsOnlyWithInputException(byte[] data) {
    try {
      BounceFileReader.builder().build().read(new ByteArrayInputStream(data), "fuzz.csv");
    } catch (InputException expected) {
      // The only exception allowed.
    }
  }
}
