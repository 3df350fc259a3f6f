package org.rekindle.outreach.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;

/**
 * Sends over SMTP (Angus Mail), keeping one connection open across messages, and tells the outcome
 * of each apart (see {@link Delivery}):
 *
 * <ul>
 *   <li>the server's 250 after the message: {@link Delivery.Sent}, with its reply;
 *   <li>no connection, or a 4xx reply: {@link Delivery.TemporaryFailure};
 *   <li>a 5xx reply: {@link Delivery.PermanentFailure}, marked when it refused the recipient;
 *   <li>the conversation broken off without a reply code once the message was being handed over:
 *       {@link Delivery.Uncertain}. This includes breaks before the message content went out, which
 *       could have been retried safely; Angus Mail does not say which step failed, and the careful
 *       reading costs only a decision.
 * </ul>
 *
 * <p>After anything but a success the connection is closed, so the next message starts clean. Not
 * thread-safe: one sender per sending worker.
 */
public final class SmtpSender implements EmailChannel, AutoCloseable {
  private final SmtpSettings settings;
  private final Session session;
  private final Clock clock;
  private @Nullable SMTPTransport transport;

  public SmtpSender(SmtpSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.session = Session.getInstance(properties(settings));
  }

  private static Properties properties(SmtpSettings s) {
    String protocol = s.security() == SmtpSettings.Security.TLS ? "smtps" : "smtp";
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.setProperty("mail.transport.protocol", protocol);
    props.setProperty(p + "host", s.host());
    props.setProperty(p + "port", Integer.toString(s.port()));
    String millis = Long.toString(s.timeout().toMillis());
    props.setProperty(p + "connectiontimeout", millis);
    props.setProperty(p + "timeout", millis);
    props.setProperty(p + "writetimeout", millis);
    props.setProperty(p + "auth", Boolean.toString(s.username().isPresent()));
    if (s.security() == SmtpSettings.Security.STARTTLS) {
      props.setProperty(p + "starttls.enable", "true");
      props.setProperty(p + "starttls.required", "true");
    }
    if (s.security() != SmtpSettings.Security.NONE) {
      props.setProperty(p + "ssl.checkserveridentity", "true");
    }
    return props;
  }

  @Override
  public Delivery send(Email email) {
    MimeMessage message;
    try {
      message = MimeMessages.build(email, session, Date.from(clock.instant()));
    } catch (MessagingException e) {
      throw new IllegalArgumentException("cannot build the message: " + e.getMessage(), e);
    }
    SMTPTransport t;
    try {
      t = connected();
    } catch (MessagingException e) {
      close();
      return new Delivery.TemporaryFailure(0, "no connection to " + describe() + ": " + e);
    }
    try {
      t.sendMessage(message, message.getAllRecipients());
      String reply = t.getLastServerResponse();
      return new Delivery.Sent(reply == null ? "" : reply.strip());
    } catch (MessagingException e) {
      close();
      return classify(e);
    }
  }

  private static Delivery classify(MessagingException e) {
    for (Throwable c = e; c != null; c = next(c)) {
      if (c instanceof SMTPAddressFailedException a) {
        return byCode(a.getReturnCode(), a.getMessage(), true);
      }
      if (c instanceof SMTPSendFailedException f && f.getReturnCode() > 0) {
        return byCode(f.getReturnCode(), f.getMessage(), false);
      }
    }
    return new Delivery.Uncertain("the server's reply never came: " + e);
  }

  private static @Nullable Throwable next(Throwable t) {
    if (t instanceof MessagingException m && m.getNextException() != null) {
      return m.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  private static Delivery byCode(int code, @Nullable String reply, boolean recipient) {
    String text = reply == null ? "" : reply.strip();
    if (code >= 400 && code < 500) {
      return new Delivery.TemporaryFailure(code, text);
    }
    if (code >= 500) {
      return new Delivery.PermanentFailure(code, text, recipient);
    }
    return new Delivery.Uncertain("an unexpected reply " + code + ": " + text);
  }

  private SMTPTransport connected() throws MessagingException {
    SMTPTransport t = transport;
    if (t != null && t.isConnected()) {
      return t;
    }
    Transport fresh = session.getTransport();
    if (settings.username().isPresent()) {
      fresh.connect(settings.username().get(), settings.password().orElse(""));
    } else {
      fresh.connect();
    }
    transport = (SMTPTransport) fresh;
    return transport;
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "SMTP at %s:%d (%s)",
        settings.host(),
        settings.port(),
        settings.security().name().toLowerCase(Locale.ROOT));
  }

  /** Closes the connection, if one is open; the next send opens a new one. */
  @Override
  public void close() {
    SMTPTransport t = transport;
    transport = null;
    if (t != null) {
      try {
        t.close();
      } catch (MessagingException e) {
        // the connection is gone either way
      }
    }
  }
}
