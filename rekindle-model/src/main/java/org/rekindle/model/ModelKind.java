package org.rekindle.model;

import java.util.List;
import java.util.Locale;

/** The transaction models Rekindle fits, with their parameter names. */
public enum ModelKind {
  /** BG/NBD: Fader, Hardie &amp; Lee (2005), "Counting your customers the easy way". */
  BGNBD("bgnbd", "BG/NBD", List.of("r", "alpha", "a", "b")),
  /** Pareto/NBD: Schmittlein, Morrison &amp; Colombo (1987). */
  PNBD("pnbd", "Pareto/NBD", List.of("r", "alpha", "s", "beta")),
  /** MBG/NBD: Batislam, Denizel &amp; Filiztekin (2007). */
  MBGNBD("mbgnbd", "MBG/NBD", List.of("r", "alpha", "a", "b"));

  private final String id;
  private final String displayName;
  private final List<String> parameterNames;

  ModelKind(String id, String displayName, List<String> parameterNames) {
    this.id = id;
    this.displayName = displayName;
    this.parameterNames = parameterNames;
  }

  /** Short lower-case id used on the command line and in reports, e.g. {@code bgnbd}. */
  public String id() {
    return id;
  }

  /** Name as written in the literature, e.g. {@code BG/NBD}. */
  public String displayName() {
    return displayName;
  }

  public List<String> parameterNames() {
    return parameterNames;
  }

  /** Builds the model from parameters in canonical order. */
  public TransactionModel create(double... params) {
    if (params.length != 4) {
      throw new ModelException(displayName + " takes 4 parameters " + parameterNames);
    }
    switch (this) {
      case BGNBD:
        return BetaGeometricModel.bgnbd(params[0], params[1], params[2], params[3]);
      case MBGNBD:
        return BetaGeometricModel.mbgnbd(params[0], params[1], params[2], params[3]);
      case PNBD:
        return new ParetoNbdModel(params[0], params[1], params[2], params[3]);
    }
    throw new AssertionError(this);
  }

  /** Looks a model up by its id ({@code bgnbd}, {@code pnbd}, {@code mbgnbd}). */
  public static ModelKind fromId(String id) {
    String key = id.trim().toLowerCase(Locale.ROOT);
    for (ModelKind k : values()) {
      if (k.id.equals(key)) {
        return k;
      }
    }
    throw new ModelException("unknown model '" + id + "': expected bgnbd, pnbd or mbgnbd");
  }

  /** The log-likelihood kernel used for fitting. */
  LikelihoodKernel kernel() {
    switch (this) {
      case BGNBD:
        return BetaGeometricModel.kernel(false);
      case MBGNBD:
        return BetaGeometricModel.kernel(true);
      case PNBD:
        return ParetoNbdModel.KERNEL;
    }
    throw new AssertionError(this);
  }
}
