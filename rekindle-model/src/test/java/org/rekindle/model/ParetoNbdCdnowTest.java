package org.rekindle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pareto/NBD against the published CDNOW results (Fader, Hardie &amp; Lee 2005, "RFM and CLV"). */
class ParetoNbdCdnowTest {

  @Test
  void fit_reproducesPublishedEstimates() {
    FitResult fit = ModelFitter.fit(ModelKind.PNBD, Cdnow.load().data());
    double[] p = fit.model().paramArray();
    assertThat(fit.logLikelihood()).isCloseTo(-9595.0, within(0.05));
    assertThat(p[0]).isCloseTo(0.553, within(0.0005));
    assertThat(p[1]).isCloseTo(10.578, within(0.005));
    // s and beta: the likelihood is flat along them; three significant figures for s, two for beta
    assertThat(p[2]).isCloseTo(0.606, within(0.0005));
    assertThat(p[3]).isCloseTo(11.67, within(0.05));
  }

  /**
   * The Hessian now comes from differences of the analytic gradient; before it had one, it came
   * from second differences of the value (commit affe2e4), which gave r 0.047629, α 0.84272, s
   * 0.18728, β 6.2111. The two routes agree to 1e-5; 0.1% allows for the optimiser stopping at a
   * slightly different point.
   */
  @Test
  void fit_standardErrorsMatchSecondDifferencesOfValues() {
    FitResult fit = ModelFitter.fit(ModelKind.PNBD, Cdnow.load().data());
    Map<String, Double> se = fit.standardErrors().orElseThrow();
    assertThat(se.get("r")).isCloseTo(0.047629, withinPercentage(0.1));
    assertThat(se.get("alpha")).isCloseTo(0.84272, withinPercentage(0.1));
    assertThat(se.get("s")).isCloseTo(0.18728, withinPercentage(0.1));
    assertThat(se.get("beta")).isCloseTo(6.2111, withinPercentage(0.1));
  }
}
