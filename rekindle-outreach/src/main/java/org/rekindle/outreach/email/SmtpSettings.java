package org.rekindle.outreach.email;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the SMTP server.
 *
 * @param host the server
 * @param port its port (587 for submission with STARTTLS, 465 for TLS, 25 for relay)
 * @param security how the connection is protected
 * @param username the login, if the server wants one
 * @param password its password
 * @param timeout for connecting, and for each read and write
 */
public record SmtpSettings(
    String host,
    int port,
    Security security,
    Optional<String> username,
    Optional<String> password,
    Duration timeout) {

  /** How the connection to the server is protected. */
  public enum Security {
    /** Plain SMTP: only for a server on this machine or a trusted network. */
    NONE,
    /** STARTTLS, required: the message is never sent in the clear. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, port 465). */
    TLS
  }

  public SmtpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(timeout, "timeout");
    if (host.isBlank()) {
      throw new IllegalArgumentException("the SMTP host is empty");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
    if (username.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("an SMTP username needs a password, and the other way");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the SMTP timeout must be positive: " + timeout);
    }
  }

  /** A plain connection without login, 30 s timeouts: a server on this machine. */
  public static SmtpSettings local(String host, int port) {
    return new SmtpSettings(
        host, port, Security.NONE, Optional.empty(), Optional.empty(), Duration.ofSeconds(30));
  }
}
