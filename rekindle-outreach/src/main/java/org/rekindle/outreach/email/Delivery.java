package org.rekindle.outreach.email;

/**
 * What became of one attempt to hand a message over. SMTP cannot deliver exactly once: a server can
 * accept a message and drop the connection before its reply arrives. So the outcomes are four, and
 * only {@link Sent} means the server took responsibility for the message.
 */
public sealed interface Delivery {

  /** The server accepted the message (its 250 reply, or where the catcher wrote it). */
  record Sent(String reply) implements Delivery {}

  /**
   * Refused for now (a 4xx reply, or no connection at all): nothing was handed over; retry later.
   */
  record TemporaryFailure(int code, String reply) implements Delivery {}

  /** Refused for good (a 5xx reply): do not retry; a refused recipient should be suppressed. */
  record PermanentFailure(int code, String reply, boolean recipientRefused) implements Delivery {}

  /**
   * The conversation broke off after the message may have been handed over: it may or may not have
   * been delivered. Never retried blindly; shown for a decision.
   */
  record Uncertain(String what) implements Delivery {}
}
