package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rekindle customers} after an import and a run. */
class CustomersCommandTest {
  private static final Path CDNOW = CliRun.EXAMPLES.resolve("cdnow");

  @TempDir Path home;
  @TempDir Path dir;
  private final CliRun cli = new CliRun();

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void customers_filteredSortedAndInThreeFormats() throws IOException {
    String h = home.toString();
    assertThat(run("customers", "--home", h)).isEqualTo(3);
    assertThat(cli.err()).contains("there is no run yet");

    assertThat(run("import", "orders", CDNOW.resolve("cdnow_sample.csv").toString(), "--home", h))
        .isZero();
    Path people = dir.resolve("people.csv");
    Files.write(people, List.of("customer,name,rep", "1901,=HYPERLINK(\"x\"),Maria"));
    assertThat(run("import", "customers", people.toString(), "--home", h)).isZero();
    assertThat(run("run", "--as-of", "1997-10-14", "--home", h)).as(cli.err()).isZero();

    assertThat(run("customers", "--home", h, "--limit", "3")).as(cli.err()).isZero();
    List<String> table = cli.out().lines().toList();
    assertThat(table.get(0)).startsWith("As of 1997-10-14 (run 1), 3 customers");
    assertThat(table).hasSize(5);
    assertThat(table.get(2)).startsWith("1901 ");

    assertThat(run("customers", "--home", h, "--rep", "Maria", "--format", "csv")).isZero();
    assertThat(cli.out())
        .startsWith("customer_id,name,state,since")
        .contains("\"1901\",\"'=HYPERLINK(\"\"x\"\")\"");

    assertThat(run("customers", "--home", h, "--state", "lost", "--format", "json", "--limit", "5"))
        .isZero();
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json.at("/customers")).hasSize(5);
    double previous = Double.MAX_VALUE;
    for (JsonNode c : json.at("/customers")) {
      assertThat(c.at("/state").asText()).isEqualTo("lost");
      assertThat(c.at("/valueAtRisk").asDouble()).isLessThanOrEqualTo(previous);
      previous = c.at("/valueAtRisk").asDouble();
    }

    assertThat(run("customers", "--home", h, "--state", "gone")).isEqualTo(2);
    assertThat(run("customers", "--home", h, "--sort", "age")).isEqualTo(2);
  }
}
