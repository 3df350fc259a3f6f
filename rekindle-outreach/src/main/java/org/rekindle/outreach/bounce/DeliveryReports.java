package org.rekindle.outreach.bounce;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.bounce.Bounce;
import org.rekindle.core.bounce.BounceFile;
import org.rekindle.core.bounce.Origin;
import org.rekindle.core.bounce.Rejected;
import org.rekindle.core.input.InputException;

/**
 * Reads the reports mail servers send back: delivery status notifications (RFC 3464, {@code
 * multipart/report; report-type=delivery-status}) and spam complaints in the Abuse Reporting Format
 * (RFC 5965, {@code report-type=feedback-report}), from one {@code .eml} file, an mbox file of
 * several, or a folder of {@code .eml} files.
 *
 * <ul>
 *   <li>A delivery status notification gives one report per recipient block: the address from
 *       {@code Final-Recipient} (else {@code Original-Recipient}); {@code Action: failed} with a
 *       {@code Status} of 5.x.x is a hard bounce, 4.x.x or {@code Action: delayed} a soft one. A
 *       recipient reported delivered, relayed or expanded is not a failure and is rejected as such.
 *   <li>A complaint report with {@code Feedback-Type: abuse} is a spam complaint by each {@code
 *       Original-Rcpt-To}, else by the one {@code To} address of the enclosed message. Other
 *       feedback types (fraud, virus, not-spam, …) are not the recipient's complaint and are
 *       rejected as such.
 * </ul>
 *
 * <p>Anything else — a free-text bounce, a message that is not MIME — is rejected with its message
 * number and reason; the other messages are read all the same.
 */
public final class DeliveryReports {
  private static final String FORMAT = "delivery status notifications";
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** Only parses: nothing is sent from here. */
  private static final Session SESSION = Session.getInstance(new Properties());

  private DeliveryReports() {}

  /**
   * Reads a file (one message, or an mbox of several: a file whose first line starts with {@code
   * "From "}) or a folder of {@code .eml} files, in name order; other files in the folder are not
   * read.
   *
   * @throws InputException if it cannot be read, or a folder holds no {@code .eml} file
   */
  public static BounceFile read(Path fileOrFolder) {
    String name = fileOrFolder.toString();
    if (!Files.isDirectory(fileOrFolder)) {
      try (InputStream in = Files.newInputStream(fileOrFolder)) {
        return read(in, name);
      } catch (IOException e) {
        throw new InputException("cannot read file '" + name + "': " + e.getMessage(), e);
      }
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(fileOrFolder)) {
      files =
          listing
              .filter(
                  p ->
                      Files.isRegularFile(p)
                          && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".eml"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new InputException("cannot list folder '" + name + "': " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new InputException(
          "folder '" + name + "' holds no .eml files: expected one message per .eml file");
    }
    List<Bounce> bounces = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    for (Path f : files) {
      BounceFile one = read(f);
      bounces.addAll(one.bounces());
      rejected.addAll(one.rejected());
    }
    return new BounceFile(name, FORMAT, bounces, rejected);
  }

  /**
   * Reads one message, or an mbox of several, from a stream named {@code name} in origins.
   *
   * @throws InputException if the stream cannot be read
   */
  public static BounceFile read(InputStream in, String name) {
    List<Bounce> bounces = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    try {
      Mbox.split(
          in,
          (number, message) -> {
            Origin origin = Origin.message(name, number);
            readMessage(message, origin, bounces, rejected);
          });
    } catch (IOException e) {
      throw new InputException("cannot read file '" + name + "': " + e.getMessage(), e);
    }
    return new BounceFile(name, FORMAT, bounces, rejected);
  }

  private static void readMessage(
      byte[] bytes, Origin origin, List<Bounce> bounces, List<Rejected> rejected) {
    String subject = "";
    try {
      MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
      String s = m.getSubject();
      subject = s == null ? "" : "Subject: " + s;
      ContentType type = new ContentType(orEmpty(m.getContentType()));
      if (!type.match("multipart/report")) {
        rejected.add(
            new Rejected(
                origin,
                "not a delivery status notification (RFC 3464) or complaint report (RFC 5965): its"
                    + " type is "
                    + type.getBaseType()
                    + "; bounces written as free text are not read",
                subject));
        return;
      }
      MimeMultipart parts = new MimeMultipart(new MimePartDataSource(m));
      Parts found = Parts.of(parts);
      String reportType = orEmpty(type.getParameter("report-type")).toLowerCase(Locale.ROOT);
      if (reportType.equals("delivery-status") || (reportType.isEmpty() && found.status != null)) {
        deliveryStatus(m, found, origin, subject, bounces, rejected);
      } else if (reportType.equals("feedback-report")
          || (reportType.isEmpty() && found.feedback != null)) {
        feedback(found, origin, subject, bounces, rejected);
      } else {
        rejected.add(
            new Rejected(
                origin,
                "a report of type '"
                    + reportType
                    + "', neither a delivery status notification (delivery-status) nor a"
                    + " complaint (feedback-report)",
                subject));
      }
    } catch (MessagingException | IOException e) {
      rejected.add(new Rejected(origin, "cannot read the message: " + describe(e), subject));
    } catch (RuntimeException e) {
      // the mail library throws unchecked exceptions on some broken headers (an
      // IndexOutOfBoundsException for a first line that continues nothing, found by fuzzing):
      // one broken message must not stop the others
      rejected.add(
          new Rejected(
              origin, "cannot read the message: its headers are broken (" + e + ")", subject));
    }
  }

  /** RFC 3464 §2: a block of per-message fields, then one block per recipient. */
  private static void deliveryStatus(
      MimeMessage m,
      Parts found,
      Origin origin,
      String subject,
      List<Bounce> bounces,
      List<Rejected> rejected)
      throws MessagingException, IOException {
    if (found.status == null) {
      rejected.add(
          new Rejected(
              origin,
              "a delivery status notification without its message/delivery-status part",
              subject));
      return;
    }
    List<InternetHeaders> blocks = blocks(found.status);
    if (blocks.size() < 2) {
      rejected.add(
          new Rejected(
              origin,
              "a delivery status notification that names no recipient (no per-recipient fields)",
              subject));
      return;
    }
    InternetHeaders perMessage = blocks.get(0);
    Optional<Instant> arrived = date(field(perMessage, "Arrival-Date")).or(() -> sent(m));
    Optional<String> messageId = found.originalMessageId();
    for (int i = 1; i < blocks.size(); i++) {
      InternetHeaders r = blocks.get(i);
      String which = blocks.size() > 2 ? "recipient " + i + ": " : "";
      String recipient = field(r, "Final-Recipient");
      if (recipient.isEmpty()) {
        recipient = field(r, "Original-Recipient");
      }
      if (recipient.isEmpty()) {
        rejected.add(
            new Rejected(origin, which + "no Final-Recipient or Original-Recipient", subject));
        continue;
      }
      String address = bare(typed(recipient));
      if (!Bounce.looksLikeEmail(address)) {
        rejected.add(
            new Rejected(
                origin, which + "'" + recipient.strip() + "' is not an email address", subject));
        continue;
      }
      String action = field(r, "Action").toLowerCase(Locale.ROOT);
      String status = field(r, "Status");
      Optional<Bounce.Kind> kind;
      if (action.equals("delayed")) {
        kind = Optional.of(Bounce.Kind.SOFT);
      } else if (action.equals("failed")) {
        // the status class says whether the failure is for good (RFC 3463 §3.1); without one,
        // "failed" still means the reporting server has given up (RFC 3464 §2.3.3)
        kind = Bounce.Kind.fromStatus(status).or(() -> Optional.of(Bounce.Kind.HARD));
      } else {
        rejected.add(
            new Rejected(
                origin,
                which
                    + address
                    + (action.isEmpty()
                        ? " has no Action: not known to have failed"
                        : " was reported '" + action + "', not a failure"),
                subject));
        continue;
      }
      String diagnostic = typed(field(r, "Diagnostic-Code"));
      String detail =
          diagnostic.isEmpty() || diagnostic.contains(status)
              ? (diagnostic.isEmpty() ? status : diagnostic)
              : status + " " + diagnostic;
      bounces.add(
          new Bounce(
              address,
              kind.get(),
              date(field(r, "Last-Attempt-Date")).or(() -> arrived),
              detail.strip(),
              messageId,
              origin));
    }
  }

  /** RFC 5965 §3: one block of fields about the complaint, and the message complained of. */
  private static void feedback(
      Parts found, Origin origin, String subject, List<Bounce> bounces, List<Rejected> rejected)
      throws MessagingException, IOException {
    if (found.feedback == null) {
      rejected.add(
          new Rejected(
              origin, "a complaint report without its message/feedback-report part", subject));
      return;
    }
    List<InternetHeaders> blocks = blocks(found.feedback);
    InternetHeaders f = blocks.isEmpty() ? new InternetHeaders() : blocks.get(0);
    String feedbackType = field(f, "Feedback-Type");
    if (!feedbackType.equalsIgnoreCase("abuse")) {
      rejected.add(
          new Rejected(
              origin,
              feedbackType.isEmpty()
                  ? "a complaint report without a Feedback-Type"
                  : "Feedback-Type '"
                      + feedbackType
                      + "' is not a spam complaint (only 'abuse' is the recipient's complaint)",
              subject));
      return;
    }
    List<String> recipients = new ArrayList<>();
    String[] rcptTo = f.getHeader("Original-Rcpt-To");
    if (rcptTo != null) {
      for (String r : rcptTo) {
        recipients.add(bare(r));
      }
    } else {
      List<String> to = found.originalTo();
      if (to.size() > 1) {
        rejected.add(
            new Rejected(
                origin,
                "the message complained of was sent to "
                    + to.size()
                    + " addresses and no Original-Rcpt-To says which one complained",
                subject));
        return;
      }
      recipients.addAll(to);
    }
    if (recipients.isEmpty()) {
      rejected.add(
          new Rejected(
              origin,
              "no recipient: neither an Original-Rcpt-To nor the enclosed message's To",
              subject));
      return;
    }
    String agent = field(f, "User-Agent");
    Optional<Instant> arrived = date(field(f, "Arrival-Date"));
    if (arrived.isEmpty()) {
      arrived = date(field(f, "Received-Date"));
    }
    for (String address : recipients) {
      if (!Bounce.looksLikeEmail(address)) {
        rejected.add(new Rejected(origin, "'" + address + "' is not an email address", subject));
        continue;
      }
      bounces.add(
          new Bounce(
              address,
              Bounce.Kind.COMPLAINT,
              arrived,
              "abuse report" + (agent.isEmpty() ? "" : " by " + agent),
              found.originalMessageId(),
              origin));
    }
  }

  /** The parts of a report this reader looks at. */
  private static final class Parts {
    byte @Nullable [] status;
    byte @Nullable [] feedback;
    byte @Nullable [] original;

    static Parts of(MimeMultipart multipart) throws MessagingException, IOException {
      Parts p = new Parts();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.isMimeType("message/delivery-status")
            || part.isMimeType("message/global-delivery-status")) {
          p.status = p.status == null ? bytes(part) : p.status;
        } else if (part.isMimeType("message/feedback-report")) {
          p.feedback = p.feedback == null ? bytes(part) : p.feedback;
        } else if (part.isMimeType("message/rfc822")
            || part.isMimeType("text/rfc822-headers")
            || part.isMimeType("message/global")
            || part.isMimeType("message/global-headers")) {
          p.original = p.original == null ? bytes(part) : p.original;
        }
      }
      return p;
    }

    private static byte[] bytes(BodyPart part) throws MessagingException, IOException {
      try (InputStream in = part.getInputStream()) {
        return in.readAllBytes();
      }
    }

    private @Nullable InternetHeaders originalHeaders() throws MessagingException {
      return original == null ? null : new InternetHeaders(new ByteArrayInputStream(original));
    }

    Optional<String> originalMessageId() throws MessagingException {
      InternetHeaders h = originalHeaders();
      String id = h == null ? null : h.getHeader("Message-ID", null);
      return id == null || id.isBlank() ? Optional.empty() : Optional.of(id.strip());
    }

    List<String> originalTo() throws MessagingException {
      InternetHeaders h = originalHeaders();
      String to = h == null ? null : h.getHeader("To", ",");
      if (to == null || to.isBlank()) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      try {
        for (InternetAddress a : InternetAddress.parseHeader(to, false)) {
          out.add(a.getAddress() == null ? "" : a.getAddress());
        }
      } catch (AddressException e) {
        out.add(to.strip());
      }
      return out;
    }
  }

  /** Blocks of header fields separated by blank lines, empty blocks left out. */
  private static List<InternetHeaders> blocks(byte[] body) throws MessagingException {
    List<InternetHeaders> blocks = new ArrayList<>();
    String text = new String(body, StandardCharsets.UTF_8);
    StringBuilder block = new StringBuilder();
    for (String line : (text + "\n").split("\r?\n", -1)) {
      if (line.isBlank()) {
        if (block.length() > 0) {
          blocks.add(headers(block.toString()));
          block.setLength(0);
        }
      } else if (block.length() > 0 || (line.charAt(0) != ' ' && line.charAt(0) != '\t')) {
        // a continuation line with nothing before it to continue is left out
        block.append(line).append("\r\n");
      }
    }
    return blocks;
  }

  private static InternetHeaders headers(String block) throws MessagingException {
    InternetHeaders h =
        new InternetHeaders(new ByteArrayInputStream(block.getBytes(StandardCharsets.UTF_8)));
    // a block of nothing but continuation lines or junk parses to no fields; keep it, empty
    Enumeration<Header> all = h.getAllHeaders();
    return all.hasMoreElements() ? h : new InternetHeaders();
  }

  /**
   * A typed field's value without its type (RFC 3464 §2.1.2): {@code rfc822; Bob@Mail.Example} →
   * {@code Bob@Mail.Example}, {@code smtp; 550 5.1.1 …} → {@code 550 5.1.1 …}.
   */
  private static String typed(String field) {
    int semi = field.indexOf(';');
    return (semi < 0 ? field : field.substring(semi + 1)).strip();
  }

  /** Without surrounding space and angle brackets. */
  private static String bare(String address) {
    String a = address.strip();
    if (a.startsWith("<") && a.endsWith(">")) {
      a = a.substring(1, a.length() - 1).strip();
    }
    return a;
  }

  /**
   * A field's value on one line (unfolded, RFC 5322 §2.2.3, with runs of spaces made one) and
   * stripped; empty when absent.
   */
  private static String field(InternetHeaders h, String name) {
    String v = h.getHeader(name, null);
    return v == null ? "" : SPACES.matcher(v).replaceAll(" ").strip();
  }

  private static Optional<Instant> date(String text) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new MailDateFormat().parse(text.strip()).toInstant());
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> sent(MimeMessage m) {
    try {
      return Optional.ofNullable(m.getSentDate()).map(d -> d.toInstant());
    } catch (MessagingException e) {
      return Optional.empty();
    }
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /**
   * Splits an mbox (mboxrd or mboxo: each message after a {@code "From "} line) into messages; a
   * stream that does not start with {@code "From "} is one message.
   */
  static final class Mbox {
    private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);

    private Mbox() {}

    interface Sink {
      void message(long number, byte[] message);
    }

    static void split(InputStream raw, Sink sink) throws IOException {
      BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      long number = 0;
      boolean mbox = false;
      boolean afterBlank = true;
      boolean first = true;
      for (byte[] line = line(in); line != null; line = line(in)) {
        if (first) {
          first = false;
          mbox = startsWith(line, 0, FROM);
          if (!mbox) {
            message.write(line);
            number = 1;
            continue;
          }
        }
        if (mbox && afterBlank && startsWith(line, 0, FROM)) {
          if (number > 0) {
            sink.message(number, message.toByteArray());
          }
          message.reset();
          number++;
          afterBlank = false;
          continue;
        }
        afterBlank = isBlank(line);
        if (mbox && line.length > 0 && line[0] == '>' && quotedFrom(line)) {
          // mboxrd: one '>' was added before every line that read ">*From " in the message
          message.write(line, 1, line.length - 1);
        } else {
          message.write(line);
        }
      }
      if (number > 0) {
        sink.message(number, message.toByteArray());
      }
    }

    private static boolean quotedFrom(byte[] line) {
      int i = 0;
      while (i < line.length && line[i] == '>') {
        i++;
      }
      return startsWith(line, i, FROM);
    }

    private static boolean startsWith(byte[] line, int at, byte[] prefix) {
      if (line.length - at < prefix.length) {
        return false;
      }
      for (int i = 0; i < prefix.length; i++) {
        if (line[at + i] != prefix[i]) {
          return false;
        }
      }
      return true;
    }

    private static boolean isBlank(byte[] line) {
      for (byte b : line) {
        if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
          return false;
        }
      }
      return true;
    }

    /** The next line with its line break, or null at the end. */
    private static byte @Nullable [] line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(128);
      int b;
      while ((b = in.read()) >= 0) {
        line.write(b);
        if (b == '\n') {
          break;
        }
      }
      return line.size() == 0 ? null : line.toByteArray();
    }
  }
}
