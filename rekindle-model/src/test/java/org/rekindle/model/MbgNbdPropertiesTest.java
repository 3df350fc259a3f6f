package org.rekindle.model;

/** The transaction-model invariants for MBG/NBD. */
class MbgNbdPropertiesTest extends TransactionModelContract {
  @Override
  ModelKind kind() {
    return ModelKind.MBGNBD;
  }
}
