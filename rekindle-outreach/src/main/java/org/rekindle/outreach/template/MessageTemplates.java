package org.rekindle.outreach.template;

import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.rekindle.outreach.template.internal.StrictMustache;

/**
 * The messages Rekindle sends, as templates the business can edit: for each message a subject, a
 * plain-text body and an HTML body ({@code NAME.subject.mustache}, {@code NAME.txt.mustache},
 * {@code NAME.html.mustache}). A file in the home's templates directory replaces the shipped one of
 * the same name; a new name there adds a message. The printed letters' templates ({@code
 * NAME.letter.mustache}) share the directory and these rules; {@code
 * org.rekindle.outreach.letter.LetterTemplates} loads them.
 *
 * <p>Mustache is logic-less: a template can show values and sections, never run code. In the HTML
 * body every value is escaped, so a customer named {@code <script>} is text; the forms that would
 * switch escaping off ({@code {{{x}}}}, {@code {{&x}}}), change the delimiters or pull in partials
 * are refused. A value a template names that the message does not have is an error, not a blank:
 * every template is rendered once with {@link #SAMPLE} when loaded, so a typo is found before
 * anything is sent. All problems are reported together, and nothing is used unless everything
 * loads.
 */
public final class MessageTemplates {
  /** The messages shipped with Rekindle. */
  public static final List<String> SHIPPED =
      List.of(
          "lapsing-check-in",
          "dormant-win-back",
          "account-dormancy-notice",
          "key-account-check-in",
          "birthday-card",
          "exit-survey");

  private static final List<String> PARTS = List.of("subject", "txt", "html");

  /**
   * Every value a message can show, with a sample. {@code offer} is a section: present (with {@code
   * code}, {@code value}, {@code expires_on}) when the message carries an offer, else false.
   */
  public static final Map<String, Object> SAMPLE = sample();

  private static Map<String, Object> sample() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("first_name", "Ada");
    m.put("name", "Ada Roofing Ltd");
    m.put("business_name", "Springfield Building Supply");
    m.put("business_phone", "+1 555 0100");
    m.put("rep_name", "Maria");
    m.put("last_order_date", "2026-03-14");
    m.put("rhythm", "about every 4 months");
    m.put(
        "offer", Map.of("code", "K7QM-3XPA-9WRT", "value", "10% off", "expires_on", "2026-12-23"));
    m.put("dormant_on", "2027-01-15");
    m.put("survey_url", "https://shop.example/s/TOKEN");
    m.put("unsubscribe_url", "https://shop.example/u/TOKEN");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** One message, rendered. */
  public record Rendered(String subject, String text, String html) {}

  private record Message(Template subject, Template text, Template html) {}

  private final Map<String, Message> messages;

  private MessageTemplates(Map<String, Message> messages) {
    this.messages = messages;
  }

  /** The shipped templates, with those in {@code dir} (when given and present) in their place. */
  public static MessageTemplates load(Optional<Path> dir) {
    Map<String, Map<String, String>> sources = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (String name : SHIPPED) {
      for (String part : PARTS) {
        String file = name + "." + part + ".mustache";
        sources
            .computeIfAbsent(name, n -> new LinkedHashMap<>())
            .put(part, StrictMustache.shipped(file));
      }
    }
    StrictMustache.readHome(dir, PARTS, sources, problems);
    Map<String, Message> messages = new TreeMap<>();
    for (Map.Entry<String, Map<String, String>> m : sources.entrySet()) {
      String where = dir.map(d -> d.resolve(m.getKey()).toString()).orElse(m.getKey());
      Map<String, String> parts = m.getValue();
      for (String part : PARTS) {
        if (!parts.containsKey(part)) {
          problems.add(where + "." + part + ".mustache: missing (each message needs all three)");
        }
      }
      // every part there is gets compiled, so all the problems are found in one go
      Template subject =
          StrictMustache.compile(
              where + ".subject.mustache", parts.get("subject"), false, problems);
      Template text =
          StrictMustache.compile(where + ".txt.mustache", parts.get("txt"), false, problems);
      Template html =
          StrictMustache.compile(where + ".html.mustache", parts.get("html"), true, problems);
      if (subject != null && text != null && html != null) {
        Message message = new Message(subject, text, html);
        check(where, message, problems);
        messages.put(m.getKey(), message);
      }
    }
    if (!problems.isEmpty()) {
      throw new TemplateException(problems);
    }
    return new MessageTemplates(messages);
  }

  private static void check(String where, Message m, List<String> problems) {
    String subjectFile = where + ".subject.mustache";
    for (String out : StrictMustache.trial(subjectFile, m.subject(), SAMPLE, problems)) {
      if (out.isBlank() || out.strip().contains("\n")) {
        problems.add(subjectFile + ": the subject must be one line, not empty");
        break;
      }
    }
    StrictMustache.trial(where + ".txt.mustache", m.text(), SAMPLE, problems);
    StrictMustache.trial(where + ".html.mustache", m.html(), SAMPLE, problems);
  }

  private static Rendered render(Message m, Map<String, Object> context) {
    return new Rendered(
        m.subject().execute(context).strip(), m.text().execute(context), m.html().execute(context));
  }

  /** The messages there are. */
  public Set<String> names() {
    return messages.keySet();
  }

  /**
   * Renders a message.
   *
   * @throws IllegalArgumentException for an unknown message, or a context without a value the
   *     template shows
   */
  public Rendered render(String name, Map<String, Object> context) {
    Message m = messages.get(name);
    if (m == null) {
      throw new IllegalArgumentException("no message template '" + name + "': " + names());
    }
    Objects.requireNonNull(context, "context");
    try {
      return render(m, context);
    } catch (MustacheException e) {
      throw new IllegalArgumentException("message '" + name + "': " + e.getMessage(), e);
    }
  }
}
