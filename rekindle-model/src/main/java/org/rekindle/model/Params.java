package org.rekindle.model;

/** Argument checks with messages that name the rule. */
final class Params {
  private Params() {}

  static void requirePositive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new ModelException(name + " must be finite and > 0, was " + v);
    }
  }

  static void requireNonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new ModelException(name + " must be finite and >= 0, was " + v);
    }
  }

  static void requireSummary(int x, double tx, double age) {
    if (x < 0) {
      throw new ModelException("x must not be negative, was " + x);
    }
    if (!(age >= 0) || Double.isInfinite(age)) {
      throw new ModelException("T must be finite and >= 0, was " + age);
    }
    if (!(tx >= 0) || tx > age) {
      throw new ModelException("t_x must lie in [0, T], was " + tx + " with T = " + age);
    }
  }
}
