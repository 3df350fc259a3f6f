package org.rekindle.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rekindle.core.input.ReadReport;
import org.rekindle.core.input.TransactionReader;
import org.rekindle.core.summary.Summaries;
import org.rekindle.core.summary.Summarizer;
import org.rekindle.core.summary.SummaryOptions;

/**
 * End-to-end timing of reading a transaction log and summarising it. Generates a synthetic log
 * (sorted by date, customers interleaved, 2% refunds, unique order ids) unless the file exists,
 * then reads and summarises it several times and prints wall-clock times.
 *
 * <p>Arguments: {@code rows customers file runs}; defaults 2000000 200000
 * target/bench-transactions.csv 5.
 */
public final class ReadAndSummarize {
  private ReadAndSummarize() {}

  public static void main(String[] args) throws IOException {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int customers = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    Path file = Path.of(args.length > 2 ? args[2] : "target/bench-transactions.csv");
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    if (!Files.exists(file)) {
      generate(file, rows, customers);
    }
    System.out.printf(Locale.ROOT, "file %s, %.1f MB%n", file, Files.size(file) / 1e6);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int run = 1; run <= runs; run++) {
      long gcBefore = gcMillis();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      Summarizer summarizer = new Summarizer();
      ReadReport report = TransactionReader.builder().build().read(file, summarizer);
      long read = System.nanoTime();
      long cpuRead = threads.getCurrentThreadCpuTime();
      Summaries summaries = summarizer.summarize(SummaryOptions.defaults());
      long end = System.nanoTime();
      long cpuEnd = threads.getCurrentThreadCpuTime();
      Runtime rt = Runtime.getRuntime();
      System.out.printf(
          Locale.ROOT,
          "run %d: %,d rows read in %.2f s (%.1f M rows/s), %,d customers summarised in %.2f s;"
              + " total %.2f s; heap used %d MB; main thread cpu %.2f + %.2f s; gc %.2f s%n",
          run,
          report.rows(),
          (read - start) / 1e9,
          report.rows() / ((read - start) / 1e9) / 1e6,
          summaries.customers().size(),
          (end - read) / 1e9,
          (end - start) / 1e9,
          (rt.totalMemory() - rt.freeMemory()) >> 20,
          (cpuRead - cpuStart) / 1e9,
          (cpuEnd - cpuRead) / 1e9,
          (gcMillis() - gcBefore) / 1e3);
    }
  }

  /** Collection time of all collectors so far, pauses and concurrent work alike. */
  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  private static void generate(Path file, int rows, int customers) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    LocalDate first = LocalDate.of(2022, 1, 1);
    int days = 730;
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("customer_id,date,amount,order_id\n");
      for (int i = 0; i < rows; i++) {
        LocalDate date = first.plusDays((long) i * days / rows);
        int customer = random.nextInt(customers);
        long cents = 100 + random.nextInt(20_000);
        if (random.nextInt(50) == 0) {
          cents = -cents / 4;
        }
        out.write("C");
        out.write(Integer.toString(customer));
        out.write(',');
        out.write(date.toString());
        out.write(',');
        out.write(cents < 0 ? "-" : "");
        out.write(Long.toString(Math.abs(cents) / 100));
        out.write('.');
        out.write(String.format(Locale.ROOT, "%02d", Math.abs(cents) % 100));
        out.write(",O");
        out.write(Integer.toString(i));
        out.write('\n');
      }
    }
  }
}
