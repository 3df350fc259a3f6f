package org.rekindle.core.playbook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rekindle.core.RekindleException;

/**
 * Reads {@code rekindle.yaml}: all of it or nothing. Every problem in the file is collected and
 * thrown together in a {@link PlaybookException}, each as {@code rekindle.yaml:LINE:COLUMN:
 * problem}; no partly read result ever escapes. The format is docs/playbooks.md.
 */
public final class PlaybookLoader {
  /** The file's name in the Rekindle home. */
  public static final String FILE_NAME = "rekindle.yaml";

  /** How the built-in default is named in messages. */
  public static final String DEFAULT_SOURCE = "default-rekindle.yaml";

  /** Larger than any playbooks file a person writes; larger files are refused unread. */
  static final long MAX_BYTES = 1 << 20;

  private PlaybookLoader() {}

  /** Where a home's playbooks come from, and the playbooks. */
  public record Loaded(Playbooks playbooks, Optional<Path> file) {
    /** "HOME/rekindle.yaml", or that the built-in default is used. */
    public String describe() {
      return file.map(Path::toString)
          .orElse("the built-in default playbooks (no " + FILE_NAME + " in the home)");
    }
  }

  /**
   * The playbooks of a Rekindle home: its {@code rekindle.yaml} when there is one, else the
   * built-in default.
   */
  public static Loaded forHome(Path home) {
    Path file = home.resolve(FILE_NAME);
    if (Files.exists(file)) {
      return new Loaded(load(file), Optional.of(file));
    }
    return new Loaded(loadDefault(), Optional.empty());
  }

  /** Reads a playbooks file; problems are reported under its file name. */
  public static Playbooks load(Path file) {
    Path name = file.getFileName();
    String source = name == null ? file.toString() : name.toString();
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new RekindleException(
            "cannot read " + file + ": larger than " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new RekindleException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(decode(bytes, source), source);
  }

  /** Reads playbooks from text; {@code source} names it in messages. */
  public static Playbooks parse(String text, String source) {
    Problems problems = new Problems(source);
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Optional<Playbooks> read =
        YamlTree.parse(body, problems)
            .flatMap(root -> new PlaybookReader(problems, source).read(root));
    problems.throwIfAny();
    // without problems the reader always gives a result; this guards the all-or-nothing promise
    return read.orElseThrow(() -> new IllegalStateException("no playbooks and no problem"));
  }

  /** The annotated default file, as shipped: what {@code rekindle.yaml} starts from. */
  public static String defaultText() {
    try (InputStream in = PlaybookLoader.class.getResourceAsStream(DEFAULT_SOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_SOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULT_SOURCE, e);
    }
  }

  /** The built-in default playbooks. */
  public static Playbooks loadDefault() {
    return parse(defaultText(), DEFAULT_SOURCE);
  }

  private static String decode(byte[] bytes, String source) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new PlaybookException(
          List.of(new PlaybookException.Problem(source, 1, 1, "the file is not UTF-8 text")));
    }
  }
}
