package org.rekindle.outreach.email;

/** Where emails go: an SMTP server, or the local mail catcher. */
public interface EmailChannel {
  /** Hands one message over and says what became of it; never throws for a delivery problem. */
  Delivery send(Email email);

  /** Where messages go, in words, for the user ("SMTP at mail.example:587"). */
  String describe();
}
