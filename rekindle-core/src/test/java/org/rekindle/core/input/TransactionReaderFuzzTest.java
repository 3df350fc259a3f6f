package org.rekindle.core.input;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import org.rekindle.core.summary.Summarizer;
import org.rekindle.core.summary.SummaryOptions;

/**
 * Whatever the bytes, reading and summarising fail only with {@link InputException}. Runs the seeds
 * in {@code TransactionReaderFuzzTestInputs} in every build; fuzz with {@code JAZZER_FUZZ=1}.
 */
class TransactionReaderFuzzTest {
  @FuzzTest
  void read_anyBytes_failsOnlyWithInputException(byte[] data) {
    Summarizer summarizer = new Summarizer();
    // Allow every row to be rejected so the summarizer sees what the reader accepts.
    TransactionReader reader = TransactionReader.builder().maxRejects(1).build();
    try {
      reader.read(new ByteArrayInputStream(data), "fuzz.csv", summarizer);
    } catch (InputException expected) {
      return;
    }
    if (summarizer.rows() > 0) {
      summarizer.summarize(SummaryOptions.defaults());
    }
  }

  @FuzzTest
  void readStrict_anyBytes_failsOnlyWithInputException(byte[] data) {
    try {
      TransactionReader.builder()
          .dateFormat("dd/MM/yyyy HH:mm")
          .build()
          .read(new ByteArrayInputStream(data), "fuzz.csv", new Summarizer());
    } catch (InputException expected) {
      // The only exception allowed.
    }
  }
}
