package org.rekindle.model;

/** The transaction-model invariants for BG/NBD. */
class BgNbdPropertiesTest extends TransactionModelContract {
  @Override
  ModelKind kind() {
    return ModelKind.BGNBD;
  }
}
