package org.rekindle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
}
