package org.rekindle.outreach.bounce;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import org.rekindle.core.input.InputException;

/**
 * Whatever the bytes, reading mail reports either reads them or rejects them with a reason, and
 * fails only with {@link InputException}. Runs the seeds in {@code DeliveryReportsFuzzTestInputs}
 * in every build; fuzz with {@code JAZZER_FUZZ=1}.
 */
class DeliveryReportsFuzzTest {
  @FuzzTest
  void read_anyBytes_failsOnlyWithInputException(byte[] data) {
    try {
      DeliveryReports.read(new ByteArrayInputStream(data), "fuzz.mbox");
    } catch (InputException expected) {
      // The only exception allowed.
    }
  }
}
