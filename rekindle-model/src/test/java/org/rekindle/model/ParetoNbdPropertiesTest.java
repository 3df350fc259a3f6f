package org.rekindle.model;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/**
 * The transaction-model invariants for Pareto/NBD, with s in [0.05, 20] and β in [0.1, 1000]. Fewer
 * tries than the other families: every evaluation goes through 2F1 or Kummer U.
 */
@PropertyDefaults(tries = 200)
class ParetoNbdPropertiesTest extends TransactionModelContract {
  @Override
  ModelKind kind() {
    return ModelKind.PNBD;
  }

  @Override
  @Provide
  Arbitrary<TransactionModel> models() {
    return models(logUniform(0.05, 20), logUniform(0.1, 1000));
  }
}
