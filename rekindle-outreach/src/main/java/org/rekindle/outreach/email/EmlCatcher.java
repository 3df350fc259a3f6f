package org.rekindle.outreach.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/**
 * The local mail catcher: with no SMTP server configured, every message becomes an {@code .eml}
 * file in a directory (named by its Message-ID, written whole or not at all), so nothing leaves the
 * machine by accident and every message can be opened in a mail program.
 */
public final class EmlCatcher implements EmailChannel {
  private final Path dir;
  private final Clock clock;
  private final Session session = Session.getInstance(new Properties());

  public EmlCatcher(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  /** The file a message is kept in. */
  public Path fileOf(Email email) {
    return dir.resolve(email.messageId().replace('@', '_') + ".eml");
  }

  @Override
  public Delivery send(Email email) {
    Path file = fileOf(email);
    try {
      Files.createDirectories(dir);
      MimeMessage m = MimeMessages.build(email, session, Date.from(clock.instant()));
      Path part = Files.createTempFile(dir, ".writing-", ".eml");
      try {
        try (OutputStream out = Files.newOutputStream(part)) {
          m.writeTo(out);
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(part);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("cannot build the message: " + e.getMessage(), e);
    }
    return new Delivery.Sent("kept in " + file);
  }

  @Override
  public String describe() {
    return "the local mail catcher (.eml files in " + dir + "); nothing leaves this machine";
  }
}
