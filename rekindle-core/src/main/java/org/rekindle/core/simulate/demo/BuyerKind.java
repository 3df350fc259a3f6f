package org.rekindle.core.simulate.demo;

/**
 * The kinds of account of the building-supply business, each with its buying rhythm and spend. Gaps
 * between orders are drawn from a Gamma distribution with the kind's mean (scaled by each account's
 * own pace) and shape: the higher the shape, the more regular the rhythm (a shape of 1 is
 * memoryless, Poisson buying).
 */
public enum BuyerKind {
  /** Builders and remodelers on credit accounts: big orders, once or twice a year. */
  CONTRACTOR("contractor", true, 0.25, 270, 3, 4200, 2),
  /** Trades (plumbers, electricians, painters) and small shops on credit accounts: monthly. */
  TRADE("trade", true, 0.30, 30, 4, 650, 4),
  /** Property-maintenance firms and hardware stores restocking every week: the key accounts. */
  KEY_ACCOUNT("key", true, 0.05, 7, 10, 850, 4),
  /** Walk-in homeowners paying at the counter: now and then, small baskets. */
  HOMEOWNER("homeowner", false, 0.40, 120, 1.5, 160, 3);

  private final String segment;
  private final boolean creditAccount;
  private final double share;
  private final double meanGapDays;
  private final double gapShape;
  private final double meanSpend;
  private final double spendShape;

  BuyerKind(
      String segment,
      boolean creditAccount,
      double share,
      double meanGapDays,
      double gapShape,
      double meanSpend,
      double spendShape) {
    this.segment = segment;
    this.creditAccount = creditAccount;
    this.share = share;
    this.meanGapDays = meanGapDays;
    this.gapShape = gapShape;
    this.meanSpend = meanSpend;
    this.spendShape = spendShape;
  }

  /** The segment in the customers file: contractor, trade, key or homeowner. */
  public String segment() {
    return segment;
  }

  /** Whether the account is a B2B credit account ({@code account_kind} credit_account). */
  public boolean creditAccount() {
    return creditAccount;
  }

  /** The share of the accounts of this kind. */
  public double share() {
    return share;
  }

  /** The mean days between orders of a typical account of this kind. */
  public double meanGapDays() {
    return meanGapDays;
  }

  /** The Gamma shape of the gaps: their regularity. */
  public double gapShape() {
    return gapShape;
  }

  /** The mean amount of an order, in dollars. */
  public double meanSpend() {
    return meanSpend;
  }

  /** The Gamma shape of one account's order amounts around its own mean. */
  public double spendShape() {
    return spendShape;
  }
}
