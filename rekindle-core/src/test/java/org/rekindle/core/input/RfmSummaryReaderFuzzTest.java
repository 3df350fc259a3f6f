package org.rekindle.core.input;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Whatever the bytes, reading an RFM summary fails only with {@link InputException}. Runs the seeds
 * in {@code RfmSummaryReaderFuzzTestInputs} in every build; fuzz with {@code JAZZER_FUZZ=1}.
 */
class RfmSummaryReaderFuzzTest {
  @FuzzTest
  void read_anyBytes_failsOnlyWithInputException(byte[] data) {
    try {
      RfmSummaryReader.builder()
          .maxRejects(1)
          .build()
          .read(new ByteArrayInputStream(data), "fuzz.csv");
    } catch (InputException expected) {
      // The only exception allowed.
    }
  }
}
