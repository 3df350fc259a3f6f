package org.rekindle.store.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rekindle.core.input.CustomerFileReader;
import org.rekindle.core.input.InputException;

/** Customer imports: idempotent, only the fields a file has, minimal records completed. */
class CustomerImporterTest extends ImportTestBase {

  private ImportResult importFile(Path file, double maxRejects) {
    return new CustomerImporter(store, CustomerFileReader.builder(), maxRejects).importFile(file);
  }

  private Map<String, Object> row(String id) {
    return store
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT name, email, birthday::text, account_kind, array_to_string(tags,"
                            + " '|') AS tags, consent_email, consent_letter, owner_rep, minimal,"
                            + " time_zone FROM customers WHERE external_id = :id")
                    .bind("id", id)
                    .mapToMap()
                    .one());
  }

  @Test
  void importTwice_secondChangesNothing_andValuesAreRead() throws IOException {
    Path file =
        write(
            "customers.csv",
            "Customer ID,Name,E-mail,Birthday,Account Type,Tags,Email Opt-In,Sales Rep,Timezone",
            "k1,Ada Builders,ADA@example.com,1980-04-02,B2B,roofing;key account,yes,Maria,"
                + "Europe/Berlin",
            "k2,\"Bob, Jr.\",,,consumer,,no,,");
    ImportResult first = importFile(file, 0.01);
    assertThat(first.inserted()).isEqualTo(2);
    Map<String, Object> k1 = row("k1");
    assertThat(k1)
        .containsEntry("name", "Ada Builders")
        .containsEntry("email", "ada@example.com")
        .containsEntry("birthday", "1980-04-02")
        .containsEntry("account_kind", "credit_account")
        .containsEntry("tags", "roofing|key account")
        .containsEntry("consent_email", true)
        .containsEntry("consent_letter", true)
        .containsEntry("owner_rep", "Maria")
        .containsEntry("time_zone", "Europe/Berlin")
        .containsEntry("minimal", false);
    assertThat(row("k2")).containsEntry("name", "Bob, Jr.").containsEntry("tags", "");

    ImportResult again = importFile(file, 0.01);
    assertThat(again.inserted()).isZero();
    assertThat(again.updated()).isZero();
    assertThat(again.unchanged()).isEqualTo(2);
  }

  @Test
  void partialFile_updatesOnlyItsFields_andCompletesMinimalRecords() throws IOException {
    importFile(write("full.csv", "customer,name,email", "k1,Ada,ada@example.com"), 0.01);
    store
        .jdbi()
        .useHandle(
            h -> h.execute("INSERT INTO customers (external_id, minimal) VALUES ('k9', true)"));
    ImportResult r =
        importFile(write("phones.csv", "customer,phone", "k1,+49 30 1234", "k9,555"), 0.01);
    assertThat(r.updated()).isEqualTo(2);
    assertThat(row("k1")).containsEntry("name", "Ada").containsEntry("email", "ada@example.com");
    assertThat(row("k9")).containsEntry("minimal", false);
  }

  @Test
  void badValues_areRejectedWithReasons_andTooManyRefuseTheFile() throws IOException {
    Path file =
        write(
            "customers.csv",
            "customer,email,birthday,consent_sms,time_zone",
            "k1,not-an-email,,,",
            "k2,,1980-02-30,,",
            "k3,,,maybe,",
            "k4,,,,Mars/Olympus",
            "k1,,,,",
            "k5,k5@example.com,,,");
    ImportResult r = importFile(file, 0.9);
    assertThat(r.inserted()).isEqualTo(1);
    List<RejectedRow> rejects = ImportBatches.rejects(store.jdbi(), r.batchId());
    assertThat(rejects).extracting(RejectedRow::line).containsExactly(2L, 3L, 4L, 5L, 6L);
    assertThat(rejects.get(0).reason()).contains("'not-an-email' as an email address");
    assertThat(rejects.get(1).reason()).contains("'1980-02-30' as a date");
    assertThat(rejects.get(2).reason()).contains("'maybe' as yes or no");
    assertThat(rejects.get(3).reason()).contains("as a time zone");
    assertThat(rejects.get(4).reason()).contains("appears again (first on line 2)");

    assertThatThrownBy(() -> importFile(file, 0.01)).isInstanceOf(InputException.class);
  }
}
