package org.rekindle.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the intervals over random counts, small ones (where the ends bite) and large. */
class ProportionsPropertyTest {
  record Counts(long successes, long trials) {}

  @Provide
  Arbitrary<Counts> counts() {
    Arbitrary<Long> trials =
        Arbitraries.oneOf(
            Arbitraries.longs().between(1, 40), Arbitraries.longs().between(1, 5_000_000));
    return trials.flatMap(
        n ->
            Arbitraries.oneOf(
                    Arbitraries.longs().between(0, n), Arbitraries.of(0L, n, Math.min(1L, n)))
                .map(r -> new Counts(r, n)));
  }

  @Property
  void wilson_containsTheRate_withinZeroAndOne(@ForAll("counts") Counts c) {
    Interval w = Proportions.wilson(c.successes(), c.trials());
    double p = (double) c.successes() / c.trials();
    assertThat(w.lower()).isBetween(0.0, p);
    assertThat(w.upper()).isBetween(p, 1.0);
  }

  @Property
  void newcombe_containsTheEstimate_withinMinusOneAndOne(
      @ForAll("counts") Counts a, @ForAll("counts") Counts b) {
    Difference d = Proportions.newcombe(a.successes(), a.trials(), b.successes(), b.trials());
    assertThat(d.interval().lower()).isBetween(-1.0, d.estimate());
    assertThat(d.interval().upper()).isBetween(d.estimate(), 1.0);
  }

  @Property
  void newcombe_swappingTheGroups_negatesTheInterval(
      @ForAll("counts") Counts a, @ForAll("counts") Counts b) {
    Difference ab = Proportions.newcombe(a.successes(), a.trials(), b.successes(), b.trials());
    Difference ba = Proportions.newcombe(b.successes(), b.trials(), a.successes(), a.trials());
    // within(0.0): equal to the last bit, with 0.0 and -0.0 counted as the same number.
    assertThat(ba.estimate()).isCloseTo(-ab.estimate(), within(0.0));
    assertThat(ba.interval().lower()).isCloseTo(-ab.interval().upper(), within(0.0));
    assertThat(ba.interval().upper()).isCloseTo(-ab.interval().lower(), within(0.0));
  }

  @Property
  void wilson_moreCustomersAtTheSameRate_narrowsTheInterval(
      @ForAll("counts") Counts c, @ForAll("factors") long k) {
    Interval small = Proportions.wilson(c.successes(), c.trials());
    Interval large = Proportions.wilson(c.successes() * k, c.trials() * k);
    assertThat(large.upper() - large.lower()).isLessThan(small.upper() - small.lower());
  }

  @Provide
  Arbitrary<Long> factors() {
    return Arbitraries.longs().between(2, 100);
  }
}
