package org.rekindle.core.simulate.demo;

/** What happened to an account over the three years: the ground truth the demo's scores meet. */
public enum Fate {
  /** Kept buying at their own rhythm up to today. */
  STEADY,
  /** Kept buying, but at a third of their pace from some day on: slipping. */
  SLOWED,
  /** Stopped buying on some day: went quiet or left (some homeowners after their first order). */
  LEFT,
  /** Paused for several of their usual gaps, then came back. */
  CAME_BACK
}
