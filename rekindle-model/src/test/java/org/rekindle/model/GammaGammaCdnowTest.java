package org.rekindle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Gamma-Gamma on the 946 CDNOW repeat customers (Fader &amp; Hardie 2013, note 025). */
class GammaGammaCdnowTest {

  @Test
  void fit_reproducesPublishedEstimates() {
    Cdnow c = Cdnow.load();
    GammaGammaModel.Fit fit = GammaGammaModel.fit(c.x, c.zbar);
    assertThat(fit.customers()).isEqualTo(946);
    assertThat(fit.converged()).isTrue();
    assertThat(fit.model().p()).isCloseTo(6.25, within(0.005));
    assertThat(fit.model().q()).isCloseTo(3.74, within(0.005));
    // gamma is weakly identified: our maximum (15.448, LL -4055.9233) lies above the published
    // rounded point (LL -4055.9247 at 6.25, 3.74, 15.44; both checked with mpmath)
    assertThat(fit.model().gamma()).isCloseTo(15.44, within(0.01));
    assertThat(fit.logLikelihood()).isCloseTo(-4055.9233, within(0.0005));
    assertThat(fit.standardErrors()).isPresent();
  }

  @Test
  void expectedSpend_shrinksTowardsPopulationMean() {
    GammaGammaModel m = new GammaGammaModel(6.25, 3.74, 15.44);
    double population = m.populationMeanSpend().orElseThrow();
    assertThat(population).isCloseTo(6.25 * 15.44 / 2.74, within(1e-12));
    double own = 100;
    double e1 = m.expectedSpend(1, own).orElseThrow();
    double e10 = m.expectedSpend(10, own).orElseThrow();
    assertThat(e1).isBetween(population, own);
    assertThat(e10).isBetween(e1, own);
  }
}
