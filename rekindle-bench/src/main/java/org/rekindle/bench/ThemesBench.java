package org.rekindle.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rekindle.core.feedback.ThemeReport;
import org.rekindle.core.feedback.Themes;

/**
 * Times {@link Themes#group} with the default settings on synthetic exit-survey comments: each
 * answer is one of 20 phrasings of 12 complaints (rude staff, prices up, late delivery, ...) in 70%
 * of answers, with 0 to 8 filler words drawn evenly from 5,000 made-up words around it, so that the
 * vocabulary is large, as real answers' is, and most terms are rare. Answers are built first and
 * not timed. Prints one line per run (wall clock and the main thread's CPU time) and the medians.
 *
 * <p>Usage: {@code ThemesBench ANSWERS RUNS}.
 */
public final class ThemesBench {
  private static final String[] PHRASES = {
    "the staff were rude",
    "rude staff at the counter",
    "prices went up",
    "too expensive",
    "the prices doubled",
    "delivery was always late",
    "late delivery again",
    "bread was stale",
    "quality went down",
    "we moved away",
    "moved to another town",
    "found a cheaper supplier",
    "another supplier delivers daily",
    "no longer need it",
    "forgot about you",
    "nobody answered the phone",
    "opening hours too short",
    "parking is impossible",
    "the app kept crashing",
    "wrong order twice"
  };

  private ThemesBench() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int runs = Integer.parseInt(args[1]);
    List<String> answers = answers(n, 42);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] times = new double[runs];
    double[] cpu = new double[runs];
    for (int k = 0; k < runs; k++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      ThemeReport r = Themes.defaults().group(answers);
      times[k] = (System.nanoTime() - t0) / 1e9;
      cpu[k] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "themes n=%d run %d: %.3f s (CPU %.3f s), %d themes, other %d, largest '%s' (%d)%n",
          n,
          k + 1,
          times[k],
          cpu[k],
          r.themes().size(),
          r.other().answers(),
          r.themes().isEmpty() ? "" : r.themes().get(0).label(),
          r.themes().isEmpty() ? 0 : r.themes().get(0).answers());
    }
    Arrays.sort(times);
    Arrays.sort(cpu);
    System.out.printf(
        Locale.ROOT, "themes n=%d median %.3f s (CPU %.3f s)%n", n, times[runs / 2], cpu[runs / 2]);
  }

  static List<String> answers(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    String[] vocabulary = new String[5_000];
    for (int i = 0; i < vocabulary.length; i++) {
      StringBuilder w = new StringBuilder();
      int len = 3 + rng.nextInt(7);
      for (int j = 0; j < len; j++) {
        w.append((char) ('a' + rng.nextInt(26)));
      }
      vocabulary[i] = w.toString();
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder a = new StringBuilder();
      int before = rng.nextInt(5);
      for (int j = 0; j < before; j++) {
        a.append(vocabulary[rng.nextInt(vocabulary.length)]).append(' ');
      }
      if (rng.nextInt(10) < 7) {
        a.append(PHRASES[rng.nextInt(PHRASES.length)]).append(' ');
      }
      int after = rng.nextInt(5);
      for (int j = 0; j < after; j++) {
        a.append(vocabulary[rng.nextInt(vocabulary.length)]).append(' ');
      }
      out.add(a.toString());
    }
    return out;
  }
}
