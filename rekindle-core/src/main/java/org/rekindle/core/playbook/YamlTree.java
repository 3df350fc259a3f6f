package org.rekindle.core.playbook;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A YAML document as plain nodes that remember their line and column, read with Jackson's streaming
 * parser. Duplicate keys and aliases are problems here; what the keys mean is {@link
 * PlaybookReader}'s business.
 */
final class YamlTree {
  private YamlTree() {}

  /** A node and where it starts (1-based). */
  sealed interface Node permits Scalar, Mapping, Sequence {
    int line();

    int column();
  }

  /** How the parser resolved a scalar. Quoted scalars are always strings. */
  enum ScalarKind {
    STRING,
    INT,
    FLOAT,
    BOOL,
    NULL
  }

  record Scalar(String text, ScalarKind kind, int line, int column) implements Node {}

  record Entry(Scalar key, Node value) {}

  record Mapping(List<Entry> entries, int line, int column) implements Node {}

  record Sequence(List<Node> items, int line, int column) implements Node {}

  /** In words, for messages: "a list", "the text 'abc'". */
  static String describe(Node node) {
    if (node instanceof Mapping) {
      return "a mapping";
    }
    if (node instanceof Sequence) {
      return "a list";
    }
    Scalar scalar = (Scalar) node;
    return scalar.kind() == ScalarKind.NULL ? "nothing" : "'" + abbreviate(scalar.text()) + "'";
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  /** The document's root, or empty with the problems recorded. */
  static Optional<Node> parse(String text, Problems problems) {
    YAMLFactory factory = YAMLFactory.builder().build();
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(1, 1, "the file is empty: it needs a 'playbooks:' list");
        return Optional.empty();
      }
      Node root = read(parser, problems);
      if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        problems.add(
            at.getLineNr(), at.getColumnNr(), "a second YAML document ('---'): write one only");
      }
      return Optional.of(root);
    } catch (JacksonException e) {
      syntax(e, problems);
    } catch (YAMLException e) {
      problems.add(1, 1, "not readable as YAML: " + firstLine(String.valueOf(e.getMessage())));
    } catch (IOException e) {
      problems.add(1, 1, "not readable as YAML: " + e.getMessage());
    }
    return Optional.empty();
  }

  private static void syntax(JacksonException e, Problems problems) {
    if (e.getCause() instanceof MarkedYAMLException marked) {
      Mark mark =
          marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
      String problem = marked.getProblem() != null ? marked.getProblem() : marked.getContext();
      int line = mark == null ? 1 : mark.getLine() + 1;
      int column = mark == null ? 1 : mark.getColumn() + 1;
      problems.add(line, column, "YAML syntax: " + firstLine(String.valueOf(problem)));
      return;
    }
    JsonLocation at = e.getLocation();
    problems.add(
        at == null ? 1 : at.getLineNr(),
        at == null ? 1 : at.getColumnNr(),
        "YAML syntax: " + firstLine(String.valueOf(e.getOriginalMessage())));
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }

  /** Reads the value at the parser's current token, leaving the parser on its last token. */
  private static Node read(JsonParser parser, Problems problems) throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      problems.add(line, column, "aliases ('*name') are not supported: write the value out");
    }
    JsonToken token = parser.currentToken();
    if (token == null) {
      problems.add(line, column, "the file ends in the middle of a value");
      return new Scalar("", ScalarKind.NULL, line, column);
    }
    switch (token) {
      case START_OBJECT -> {
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          JsonLocation keyAt = parser.currentTokenLocation();
          String name = parser.currentName();
          Scalar key =
              new Scalar(
                  name == null ? "" : name,
                  ScalarKind.STRING,
                  keyAt.getLineNr(),
                  keyAt.getColumnNr());
          parser.nextToken();
          Node value = read(parser, problems);
          Integer first = seen.putIfAbsent(key.text(), key.line());
          if (first != null) {
            problems.add(
                key,
                "key '"
                    + key.text()
                    + "' appears twice in this mapping (first on line "
                    + first
                    + ")");
          } else {
            entries.add(new Entry(key, value));
          }
        }
        return new Mapping(List.copyOf(entries), line, column);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        for (JsonToken next = parser.nextToken();
            next != null && next != JsonToken.END_ARRAY;
            next = parser.nextToken()) {
          items.add(read(parser, problems));
        }
        return new Sequence(List.copyOf(items), line, column);
      }
      case VALUE_STRING -> {
        // an empty value ('key:' with nothing after it) means nothing, like null
        String text = parser.getText();
        return new Scalar(text, text.isEmpty() ? ScalarKind.NULL : ScalarKind.STRING, line, column);
      }
      case VALUE_NUMBER_INT -> {
        return new Scalar(parser.getText(), ScalarKind.INT, line, column);
      }
      case VALUE_NUMBER_FLOAT -> {
        return new Scalar(parser.getText(), ScalarKind.FLOAT, line, column);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Scalar(parser.getText(), ScalarKind.BOOL, line, column);
      }
      case VALUE_NULL -> {
        return new Scalar("", ScalarKind.NULL, line, column);
      }
      default -> {
        problems.add(line, column, "a value of a kind playbooks do not use (" + token + ")");
        return new Scalar("", ScalarKind.NULL, line, column);
      }
    }
  }
}
