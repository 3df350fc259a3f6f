package org.rekindle.outreach.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.rekindle.core.bounce.BounceFile;
import org.rekindle.core.input.BounceFileReader;
import org.rekindle.core.input.InputException;

/** Reads a file of bounces in either format, told apart by its content when asked to. */
public final class BounceFiles {
  /**
   * A header field as mail messages start with (RFC 5322 §2.2, names as used in practice: letters,
   * digits and dashes), which no CSV header line looks like.
   */
  private static final Pattern HEADER_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9-]*:.*");

  private BounceFiles() {}

  /** How a bounce file is written. */
  public enum Format {
    /** a mail provider's export: {@link BounceFileReader} */
    CSV,
    /** delivery status notifications and complaint reports: {@link DeliveryReports} */
    DSN,
    /** told apart by {@link #detect} */
    AUTO;

    /**
     * Reads {@code csv}, {@code dsn} or {@code auto}, in any case.
     *
     * @throws IllegalArgumentException naming the formats, for any other text
     */
    public static Format parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "not a bounce file format: '" + text + "' (csv, dsn or auto)", e);
      }
    }
  }

  /**
   * Reads a file or folder.
   *
   * @param csv the reader for CSV exports (with its column mapping, if any)
   * @throws InputException if it cannot be read at all
   */
  public static BounceFile read(Path file, Format format, BounceFileReader csv) {
    Format f = format == Format.AUTO ? detect(file) : format;
    return f == Format.CSV ? csv.read(file) : DeliveryReports.read(file);
  }

  /**
   * {@link Format#DSN} for a folder, for a file whose first line is an mbox {@code "From "} line or
   * a mail header field ({@code Return-Path: …}, {@code Received: …}), and for a file named {@code
   * .eml} or {@code .mbox}; {@link Format#CSV} for anything else (gzip too).
   *
   * @throws InputException if the file cannot be read
   */
  public static Format detect(Path file) {
    if (Files.isDirectory(file)) {
      return Format.DSN;
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".eml") || lower.endsWith(".mbox")) {
      return Format.DSN;
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(4096);
    } catch (IOException e) {
      throw new InputException("cannot read file '" + file + "': " + e.getMessage(), e);
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return Format.CSV;
    }
    String text = new String(head, StandardCharsets.UTF_8).replace("\uFEFF", "");
    int end = text.indexOf('\n');
    String first = (end < 0 ? text : text.substring(0, end)).stripTrailing();
    return first.startsWith("From ") || HEADER_FIELD.matcher(first).matches()
        ? Format.DSN
        : Format.CSV;
  }
}
