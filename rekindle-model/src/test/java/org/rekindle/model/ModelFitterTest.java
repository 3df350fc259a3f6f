package org.rekindle.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rekindle.model.simulate.Simulator;

class ModelFitterTest {

  @Test
  void fit_withL2Penalty_pullsParametersTowardsOne() {
    RfmData data = Cdnow.load().data();
    FitResult plain = ModelFitter.fit(ModelKind.BGNBD, data);
    FitResult penalised =
        ModelFitter.fit(ModelKind.BGNBD, data, FitOptions.defaults().withL2Penalty(500));
    assertThat(sumSquaredLogs(penalised.model().paramArray()))
        .isLessThan(sumSquaredLogs(plain.model().paramArray()));
    // the penalised estimate cannot beat the maximum of the plain likelihood
    assertThat(penalised.logLikelihood()).isLessThan(plain.logLikelihood());
  }

  @Test
  void fit_dataWithoutDropOut_warnsThatItSitsOnTheBoundary() {
    // p ~ Beta(1, 1e7): practically nobody ever leaves, the NBD limit of BG/NBD
    double[] ages = new double[20_000];
    Arrays.fill(ages, 52);
    RfmData data =
        Simulator.of(ModelKind.BGNBD, 1.0, 10.0, 1.0, 1e7).summaries(5, ages).toRfmData();
    FitResult fit = ModelFitter.fit(ModelKind.BGNBD, data);
    assertThat(fit.warnings()).anyMatch(w -> w.contains("boundary"));
  }

  @Test
  void fit_noCustomers_isRefused() {
    RfmData empty = RfmData.of(new int[0], new double[0], new double[0]);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelFitter.fit(ModelKind.PNBD, empty))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("no customers");
  }

  private static double sumSquaredLogs(double[] theta) {
    double s = 0;
    for (double t : theta) {
      s += Math.log(t) * Math.log(t);
    }
    return s;
  }
}
