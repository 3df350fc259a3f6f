package org.rekindle.outreach.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sending to a real SMTP server (GreenMail on 127.0.0.1), and to one that misbehaves on cue. */
class SmtpSenderTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
  private GreenMail mail;

  @BeforeEach
  void start() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
  }

  @AfterEach
  void stop() {
    mail.stop();
  }

  private static Email email(String id, String toName, String subject) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("List-Unsubscribe", "<https://shop.example/u/abc123>");
    headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    return new Email(
        id,
        new Email.Mailbox("Ada's Supplies", "hello@shop.example"),
        new Email.Mailbox(toName, "bob@customer.example"),
        subject,
        "We miss you, " + toName + ".",
        Optional.of(
            "<p>We miss you, " + toName.replace("<", "&lt;").replace(">", "&gt;") + ".</p>"),
        headers);
  }

  private SmtpSender sender(int port) {
    return new SmtpSender(SmtpSettings.local("127.0.0.1", port), CLOCK);
  }

  @Test
  void send_deliversTextAndHtml_withOurMessageIdAndUnsubscribeHeaders() throws Exception {
    try (SmtpSender sender = sender(mail.getSmtp().getPort())) {
      Delivery d = sender.send(email("m-1@rekindle.test", "Bob <script>", "Ça va? 10% off"));
      assertThat(d).isInstanceOf(Delivery.Sent.class);
      assertThat(((Delivery.Sent) d).reply()).startsWith("250");
      // the same message again, on the same connection: the same Message-ID (a deliberate resend)
      assertThat(sender.send(email("m-1@rekindle.test", "Bob <script>", "Ça va? 10% off")))
          .isInstanceOf(Delivery.Sent.class);
    }
    MimeMessage[] got = mail.getReceivedMessages();
    assertThat(got).hasSize(2);
    MimeMessage m = got[0];
    assertThat(m.getMessageID()).isEqualTo("<m-1@rekindle.test>");
    assertThat(got[1].getMessageID()).isEqualTo("<m-1@rekindle.test>");
    assertThat(m.getSubject()).isEqualTo("Ça va? 10% off");
    assertThat(m.getHeader("List-Unsubscribe")).containsExactly("<https://shop.example/u/abc123>");
    assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    // the name is a quoted display name, not markup or a second address
    assertThat(m.getAllRecipients()).hasSize(1);
    assertThat(m.getAllRecipients()[0].toString()).contains("bob@customer.example");
    Multipart parts = (Multipart) m.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat((String) parts.getBodyPart(1).getContent()).contains("Bob &lt;script&gt;");
  }

  @Test
  void lineBreaksInHeaders_areRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> email("m-2@rekindle.test", "Bob", "Hi\r\nBcc: all@victims.example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line break");
    assertThatThrownBy(() -> email("m-2@rekindle.test", "Bob\nBcc: x@y.example", "Hi"))
        .hasMessageContaining("line break");
    assertThatThrownBy(
            () ->
                new Email(
                    "m-3@rekindle.test",
                    new Email.Mailbox("", "a@b.example"),
                    new Email.Mailbox("", "c@d.example"),
                    "s",
                    "t",
                    Optional.empty(),
                    Map.of("X-Note", "one\r\nBcc: e@f.example")))
        .hasMessageContaining("line break");
    assertThatThrownBy(
            () ->
                new Email(
                    "m-3@rekindle.test",
                    new Email.Mailbox("", "a@b.example"),
                    new Email.Mailbox("", "c@d.example"),
                    "s",
                    "t",
                    Optional.empty(),
                    Map.of("Bcc", "e@f.example")))
        .hasMessageContaining("set by the message itself");
    assertThatThrownBy(() -> new Email.Mailbox("", "two@a.example, three@b.example"))
        .hasMessageContaining("not");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void replies_areToldApart() throws Exception {
    Email e = email("m-4@rekindle.test", "Bob", "Hi");
    try (ScriptedSmtpServer refuses =
            new ScriptedSmtpServer(c -> c.equals("RCPT") ? "550 5.1.1 no such user" : ok(c));
        SmtpSender s = sender(refuses.port())) {
      Delivery d = s.send(e);
      assertThat(d).isInstanceOf(Delivery.PermanentFailure.class);
      Delivery.PermanentFailure p = (Delivery.PermanentFailure) d;
      assertThat(p.code()).isEqualTo(550);
      assertThat(p.recipientRefused()).isTrue();
    }
    try (ScriptedSmtpServer busy =
            new ScriptedSmtpServer(c -> c.equals(".") ? "451 4.3.0 try again later" : ok(c));
        SmtpSender s = sender(busy.port())) {
      Delivery d = s.send(e);
      assertThat(d).isInstanceOf(Delivery.TemporaryFailure.class);
      assertThat(((Delivery.TemporaryFailure) d).code()).isEqualTo(451);
    }
    try (ScriptedSmtpServer policy =
            new ScriptedSmtpServer(c -> c.equals(".") ? "554 5.7.1 rejected as spam" : ok(c));
        SmtpSender s = sender(policy.port())) {
      Delivery d = s.send(e);
      assertThat(d).isInstanceOf(Delivery.PermanentFailure.class);
      assertThat(((Delivery.PermanentFailure) d).recipientRefused()).isFalse();
    }
    // the message went out, then the connection dropped before the server's reply
    try (ScriptedSmtpServer drops = new ScriptedSmtpServer(c -> c.equals(".") ? null : ok(c));
        SmtpSender s = sender(drops.port())) {
      assertThat(s.send(e)).isInstanceOf(Delivery.Uncertain.class);
      assertThat(drops.commands).contains("MAIL", "RCPT", "DATA", ".");
    }
    // nobody listening: nothing was handed over
    int closed;
    try (ServerSocket free = new ServerSocket(0)) {
      closed = free.getLocalPort();
    }
    try (SmtpSender s = sender(closed)) {
      assertThat(s.send(e)).isInstanceOf(Delivery.TemporaryFailure.class);
    }
  }

  private static String ok(String command) {
    return command.equals("DATA") ? "354 go ahead" : "250 ok";
  }

  @Test
  void catcher_keepsEveryMessageAsAnEmlFile(@TempDir Path dir) throws Exception {
    EmlCatcher catcher = new EmlCatcher(dir.resolve("mail"), CLOCK);
    Email e = email("m-5@rekindle.test", "Bob", "Hi");
    Delivery d = catcher.send(e);
    assertThat(d).isInstanceOf(Delivery.Sent.class);
    Path file = catcher.fileOf(e);
    assertThat(Files.readString(file))
        .contains("Message-ID: <m-5@rekindle.test>")
        .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        .contains("multipart/alternative");
    try (var files = Files.list(dir.resolve("mail"))) {
      assertThat(files).containsExactly(file);
    }
    assertThat(catcher.describe()).contains("nothing leaves this machine");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }
}
