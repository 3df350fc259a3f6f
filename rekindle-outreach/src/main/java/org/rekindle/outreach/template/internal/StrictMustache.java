package org.rekindle.outreach.template.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules every template the business edits is held to, shared by the email and the letter
 * templates: where the shipped files are, how a home directory replaces them, which forms of
 * Mustache are refused, and the trial render with a sample of every value that finds a typo before
 * anything is sent or printed.
 */
public final class StrictMustache {
  /**
   * Every kind of template file, {@code NAME.KIND.mustache}: an email's subject, text and HTML
   * bodies, and a printed letter.
   */
  public static final List<String> KINDS = List.of("subject", "txt", "html", "letter");

  private static final String RESOURCES = "/org/rekindle/outreach/template/";
  private static final Pattern FORBIDDEN = Pattern.compile("\\{\\{\\s*[{&=>]");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final String SUFFIX = ".mustache";

  private StrictMustache() {}

  /** A template shipped with Rekindle, e.g. {@code dormant-win-back.letter.mustache}. */
  public static String shipped(String file) {
    try (InputStream in = StrictMustache.class.getResourceAsStream(RESOURCES + file)) {
      if (in == null) {
        throw new IllegalStateException("the shipped template " + file + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the templates of the given kinds in {@code dir} (when given and present) into {@code
   * sources} (name, then kind, then text), in place of shipped ones of the same name. Files of the
   * other kinds are left to their own loader; a {@code .mustache} file that is no template name at
   * all is a problem.
   */
  public static void readHome(
      Optional<Path> dir,
      List<String> kinds,
      Map<String, Map<String, String>> sources,
      List<String> problems) {
    if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
      return;
    }
    try (var files = Files.list(dir.get())) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String file = f.getFileName().toString();
        if (!file.endsWith(SUFFIX)) {
          continue;
        }
        String[] bits = file.substring(0, file.length() - SUFFIX.length()).split("\\.", -1);
        if (bits.length != 2 || !NAME.matcher(bits[0]).matches() || !KINDS.contains(bits[1])) {
          problems.add(
              f
                  + ": not a template name: NAME."
                  + String.join("|", KINDS)
                  + SUFFIX
                  + " (NAME in"
                  + " lower-case letters, digits and '-')");
          continue;
        }
        if (kinds.contains(bits[1])) {
          sources
              .computeIfAbsent(bits[0], n -> new LinkedHashMap<>())
              .put(bits[1], Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the templates in " + dir.get(), e);
    }
  }

  /**
   * Compiles one template file, or adds a problem naming the file (and the line of a refused form)
   * and returns null. {@code source} null means the file is absent, which its caller reports.
   *
   * @param escapeHtml whether values are HTML-escaped (the HTML body of an email); elsewhere they
   *     are shown as they are
   */
  public static @Nullable Template compile(
      String file, @Nullable String source, boolean escapeHtml, List<String> problems) {
    if (source == null) {
      return null;
    }
    var forbidden = FORBIDDEN.matcher(source);
    if (forbidden.find()) {
      int line =
          1 + (int) source.substring(0, forbidden.start()).chars().filter(c -> c == '\n').count();
      problems.add(
          file
              + ":"
              + line
              + ": '"
              + forbidden.group()
              + "' is not allowed: a value is shown with {{name}} (escaped in HTML), delimiters"
              + " stay {{ }}, and there are no partials");
      return null;
    }
    try {
      return Mustache.compiler().escapeHTML(escapeHtml).strictSections(true).compile(source);
    } catch (MustacheException e) {
      problems.add(file + ": " + e.getMessage());
      return null;
    }
  }

  /**
   * Renders a template with {@code sample} and with the same sample without an offer ({@code offer}
   * false), so a value the template names that messages do not have is found when it is loaded.
   *
   * @return both outputs, or none after adding a problem naming the file and the known values
   */
  public static List<String> trial(
      String file, Template template, Map<String, Object> sample, List<String> problems) {
    Map<String, Object> noOffer = new LinkedHashMap<>(sample);
    noOffer.put("offer", false);
    List<String> outputs = new ArrayList<>();
    try {
      for (Map<String, Object> context : List.of(sample, noOffer)) {
        outputs.add(template.execute(context));
      }
    } catch (MustacheException e) {
      problems.add(file + ": " + e.getMessage() + " (known values: " + sample.keySet() + ")");
      return List.of();
    }
    return outputs;
  }
}
