package org.rekindle.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.rekindle.core.playbook.Business;
import org.rekindle.core.playbook.PlaybookLoader;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.outreach.email.EmailChannel;
import org.rekindle.outreach.email.EmlCatcher;
import org.rekindle.outreach.email.SmtpSender;
import org.rekindle.outreach.email.SmtpSettings;
import org.rekindle.outreach.letter.LetterTemplates;
import org.rekindle.outreach.template.MessageTemplates;
import org.rekindle.outreach.unsubscribe.SigningKeys;

/**
 * What outreach commands read from the home: the playbooks file (with the contact policy and the
 * business), the message templates, the link-signing keys, and where email goes.
 */
final class Outreach {
  /** The folder of the home whose templates replace or add to the shipped ones. */
  static final String TEMPLATES = "templates";

  /** The file of the home holding the keys that sign unsubscribe and survey links. */
  static final String SIGNING_KEYS = "link-keys";

  /** Where email goes when no SMTP server is configured. */
  static final String MAIL_CATCHER = "mail-catcher";

  private Outreach() {}

  static Playbooks playbooks(Path home, PrintWriter err) {
    PlaybookLoader.Loaded loaded = PlaybookLoader.forHome(home);
    if (loaded.file().isEmpty()) {
      err.println(
          "rekindle: no "
              + PlaybookLoader.FILE_NAME
              + " in "
              + home
              + ": using the built-in default playbooks");
    }
    return loaded.playbooks();
  }

  static MessageTemplates templates(Path home) {
    Path dir = home.resolve(TEMPLATES);
    return MessageTemplates.load(Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty());
  }

  static LetterTemplates letterTemplates(Path home) {
    Path dir = home.resolve(TEMPLATES);
    return LetterTemplates.load(Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty());
  }

  static SigningKeys keys(Path home) {
    return SigningKeys.loadOrCreate(home.resolve(SIGNING_KEYS), new SecureRandom());
  }

  /**
   * Where email goes: the SMTP server of {@code smtp} (HOST[:PORT]) or {@code REKINDLE_SMTP_HOST}
   * (with {@code _PORT}, {@code _SECURITY} none|starttls|tls, none by default on this machine and
   * starttls elsewhere, {@code _USER}, {@code _PASSWORD}), else the local mail catcher in the home.
   * Says which on {@code err}.
   *
   * @throws UsageException for SMTP with the built-in example business, or bad settings
   */
  static Supplier<EmailChannel> channels(
      Path home,
      Business business,
      Map<String, String> env,
      Optional<String> smtp,
      Clock clock,
      PrintWriter err) {
    String host = env.getOrDefault("REKINDLE_SMTP_HOST", "").strip();
    Optional<String> portOverride = Optional.empty();
    if (smtp.isPresent()) {
      String given = smtp.get().strip();
      int colon = given.lastIndexOf(':');
      host = colon < 0 ? given : given.substring(0, colon);
      portOverride = colon < 0 ? Optional.empty() : Optional.of(given.substring(colon + 1));
      if (host.isEmpty()) {
        throw new UsageException("--smtp must be HOST or HOST:PORT, was '" + given + "'");
      }
    }
    if (host.isEmpty()) {
      Path dir = home.resolve(MAIL_CATCHER);
      err.println(
          "rekindle: no SMTP server configured (REKINDLE_SMTP_HOST): email goes to the local"
              + " mail catcher, "
              + dir
              + ", as .eml files; nothing leaves this machine");
      return () -> new EmlCatcher(dir, clock);
    }
    if (business.isExample()) {
      throw new UsageException(
          "rekindle.yaml names no business (business: name, from_email): set it before sending"
              + " through "
              + host);
    }
    SmtpSettings.Security security;
    boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    String sec = env.getOrDefault("REKINDLE_SMTP_SECURITY", loopback ? "none" : "starttls").strip();
    try {
      security = SmtpSettings.Security.valueOf(sec.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "REKINDLE_SMTP_SECURITY must be none, starttls or tls, was '" + sec + "'");
    }
    int port;
    String portText =
        portOverride.orElseGet(
            () ->
                env.getOrDefault(
                    "REKINDLE_SMTP_PORT",
                    switch (security) {
                      case NONE -> "25";
                      case STARTTLS -> "587";
                      case TLS -> "465";
                    }));
    try {
      port = Integer.parseInt(portText.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("REKINDLE_SMTP_PORT must be a port number, was '" + portText + "'");
    }
    Optional<String> user =
        Optional.ofNullable(env.get("REKINDLE_SMTP_USER")).filter(u -> !u.isBlank());
    Optional<String> password =
        Optional.ofNullable(env.get("REKINDLE_SMTP_PASSWORD")).filter(p -> !p.isEmpty());
    SmtpSettings settings;
    try {
      settings = new SmtpSettings(host, port, security, user, password, Duration.ofSeconds(30));
    } catch (IllegalArgumentException e) {
      throw new UsageException("SMTP settings: " + e.getMessage());
    }
    err.println(
        "rekindle: sending through SMTP at "
            + host
            + ":"
            + port
            + " ("
            + security.name().toLowerCase(Locale.ROOT)
            + ")");
    return () -> new SmtpSender(settings, clock);
  }
}
