package org.rekindle.outreach.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;

/** An {@link Email} as a MIME message: plain text alone, or text and HTML as alternatives. */
final class MimeMessages {
  private MimeMessages() {}

  static MimeMessage build(Email email, Session session, Date sentDate) throws MessagingException {
    MimeMessage m = new FixedIdMessage(session, "<" + email.messageId() + ">");
    m.setFrom(address(email.from()));
    m.setRecipient(MimeMessage.RecipientType.TO, address(email.to()));
    m.setSubject(email.subject(), StandardCharsets.UTF_8.name());
    m.setSentDate(sentDate);
    for (Map.Entry<String, String> h : email.headers().entrySet()) {
      m.setHeader(h.getKey(), h.getValue());
    }
    if (email.html().isEmpty()) {
      m.setText(email.text(), StandardCharsets.UTF_8.name());
    } else {
      MimeBodyPart text = new MimeBodyPart();
      text.setText(email.text(), StandardCharsets.UTF_8.name());
      MimeBodyPart html = new MimeBodyPart();
      html.setText(email.html().get(), StandardCharsets.UTF_8.name(), "html");
      // the last alternative is the preferred one (RFC 2046 5.1.4)
      m.setContent(new MimeMultipart("alternative", text, html));
    }
    m.saveChanges();
    return m;
  }

  private static InternetAddress address(Email.Mailbox box) throws MessagingException {
    try {
      return box.name().isEmpty()
          ? new InternetAddress(box.address(), true)
          : new InternetAddress(box.address(), box.name(), StandardCharsets.UTF_8.name());
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }

  /** A message whose Message-ID is the one chosen before sending, not a fresh one per save. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String id;

    FixedIdMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
