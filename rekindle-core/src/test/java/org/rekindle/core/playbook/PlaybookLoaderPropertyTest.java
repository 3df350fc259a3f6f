package org.rekindle.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random edits of the default file, the kind a person makes by mistake (a character lost or added,
 * a line dropped, repeated or moved, a word or number replaced), either load or fail with {@link
 * PlaybookException} naming a line and column inside the file: never another exception.
 */
class PlaybookLoaderPropertyTest {
  private static final String DEFAULT = PlaybookLoader.defaultText();

  /** One edit: what to do, where (a fraction of the file), and what to write. */
  record Edit(int kind, double where, String text) {
    String apply(String yaml) {
      List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
      int line = (int) (where * lines.size());
      int at = (int) (where * yaml.length());
      return switch (kind) {
        case 0 -> yaml.substring(0, at) + yaml.substring(Math.min(yaml.length(), at + 1));
        case 1 -> yaml.substring(0, at) + text + yaml.substring(at);
        case 2 -> {
          lines.remove(line);
          yield String.join("\n", lines);
        }
        case 3 -> {
          lines.add(line, lines.get(line));
          yield String.join("\n", lines);
        }
        case 4 -> {
          String moved = lines.remove(line);
          lines.add((line * 7 + 3) % (lines.size() + 1), moved);
          yield String.join("\n", lines);
        }
        default -> {
          // replace the word or number at that place
          int start = at;
          while (start > 0 && Character.isLetterOrDigit(yaml.charAt(start - 1))) {
            start--;
          }
          int end = at;
          while (end < yaml.length() && Character.isLetterOrDigit(yaml.charAt(end))) {
            end++;
          }
          yield yaml.substring(0, start) + text + yaml.substring(end);
        }
      };
    }
  }

  @Provide
  Arbitrary<List<Edit>> edits() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.of(
                ":",
                "-",
                " ",
                "  ",
                "\n",
                "\t",
                "{",
                "}",
                "[",
                "]",
                "\"",
                "'",
                "#",
                "&a",
                "*a",
                "!!int",
                "---",
                "|",
                ">",
                "%",
                "@",
                "`",
                "~",
                "null",
                "true",
                "no",
                "-1",
                "0",
                "1e400",
                "0x10",
                ".inf",
                "99999999999999999999",
                "lapsed",
                "percent",
                "\u00e9",
                "\uFEFF"),
            Arbitraries.strings().ofMaxLength(6));
    Arbitrary<Edit> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 5),
                Arbitraries.doubles().between(0, 0.999_999).ofScale(6),
                text)
            .as(Edit::new);
    return edit.list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 3000)
  void parse_mutatedDefault_loadsOrFailsWithPlaybookException(@ForAll("edits") List<Edit> edits) {
    String yaml = DEFAULT;
    for (Edit edit : edits) {
      yaml = edit.apply(yaml);
    }
    int lines = yaml.split("\n", -1).length;
    try {
      Playbooks loaded = PlaybookLoader.parse(yaml, "rekindle.yaml");
      assertThat(loaded.playbooks()).allSatisfy(p -> assertThat(p.steps()).isNotEmpty());
      Statistics.label("outcome").collect("loaded");
    } catch (PlaybookException e) {
      Statistics.label("outcome").collect("refused");
      assertThat(e.problems()).isNotEmpty();
      assertThat(e.problems())
          .allSatisfy(
              problem -> {
                assertThat(problem.line()).isBetween(1, lines + 1);
                assertThat(problem.column()).isPositive();
                assertThat(problem.message()).isNotBlank();
              });
    }
    // both outcomes must be common, or the edits test only one side of the loader
    Statistics.label("outcome")
        .coverage(
            coverage -> {
              coverage.check("loaded").percentage(p -> p > 5);
              coverage.check("refused").percentage(p -> p > 5);
            });
  }
}
