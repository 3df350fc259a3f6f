package org.rekindle.store.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rekindle.core.input.InputException;
import org.rekindle.core.input.OrderFileReader;

/** The imports as a page lists them: latest first, one by id, its rejects bounded or streamed. */
class ImportBatchesTest extends ImportTestBase {
  private ImportResult importFile(Path file, double maxRejects) {
    return new OrderImporter(store, OrderFileReader.builder(), maxRejects, "USD", s -> {})
        .importFile(file);
  }

  @Test
  void recentAndFind_giveTheCountsAndHowEachEnded() throws IOException {
    ImportResult good =
        importFile(
            write("good.csv", "customer,date,amount", "a,2024-01-05,10", "b,2024-01-06,x"), 0.5);
    Path bad =
        write("bad.csv", "customer,date,amount", "a,2024-01-05,10", "b,soon,10", "c,later,10");
    assertThatThrownBy(() -> importFile(bad, 0.01)).isInstanceOf(InputException.class);

    List<ImportBatch> recent = ImportBatches.recent(store.jdbi(), 10);
    assertThat(recent).extracting(ImportBatch::status).containsExactly("refused", "completed");
    ImportBatch first = recent.get(1);
    assertThat(first.id()).isEqualTo(good.batchId());
    assertThat(first.kind()).isEqualTo("orders");
    assertThat(first.fileName()).endsWith("good.csv");
    assertThat(first.rowsRead()).isEqualTo(2);
    assertThat(first.inserted()).isEqualTo(1);
    assertThat(first.rejected()).isEqualTo(1);
    assertThat(first.finishedAt()).isPresent();
    assertThat(first.message()).isEmpty();
    assertThat(recent.get(0).message().orElseThrow()).contains("2 of 3 rows");
    assertThat(ImportBatches.recent(store.jdbi(), 1)).hasSize(1);

    assertThat(ImportBatches.find(store.jdbi(), good.batchId())).contains(first);
    assertThat(ImportBatches.find(store.jdbi(), 999)).isEmpty();
  }

  @Test
  void rejects_boundedForAPage_allForADownload() throws IOException {
    List<String> lines = new ArrayList<>(List.of("customer,date,amount"));
    for (int i = 0; i < 30; i++) {
      lines.add("c" + i + "," + (i % 3 == 0 ? "never" : "2024-02-01") + ",5");
    }
    ImportResult r = importFile(write("some.csv", lines.toArray(String[]::new)), 0.5);
    assertThat(r.rejected()).isEqualTo(10);

    List<RejectedRow> firstFew = ImportBatches.rejects(store.jdbi(), r.batchId(), 4);
    assertThat(firstFew).extracting(RejectedRow::line).containsExactly(2L, 5L, 8L, 11L);
    assertThat(firstFew.get(0).reason()).contains("cannot read 'never' as a date");
    assertThat(firstFew.get(0).raw()).isEqualTo("c0,never,5");

    List<RejectedRow> all = new ArrayList<>();
    ImportBatches.forEachReject(store.jdbi(), r.batchId(), all::add);
    assertThat(all).hasSize(10).isEqualTo(ImportBatches.rejects(store.jdbi(), r.batchId()));
  }
}
