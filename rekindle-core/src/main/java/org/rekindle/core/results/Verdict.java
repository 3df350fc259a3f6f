package org.rekindle.core.results;

/** What a {@link Lift} says, in one word. */
public enum Verdict {
  /** Too few customers, or too few who came back or stayed away, to say anything yet. */
  NOT_ENOUGH_DATA,
  /** The contacted group came back more often: the whole interval is above zero. */
  MORE_CAME_BACK,
  /** The contacted group came back less often: the whole interval is below zero. */
  FEWER_CAME_BACK,
  /** The interval includes zero: no difference the data can vouch for. */
  NO_CLEAR_DIFFERENCE
}
