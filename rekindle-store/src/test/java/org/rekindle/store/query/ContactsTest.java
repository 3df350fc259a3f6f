package org.rekindle.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Recording contacts. */
class ContactsTest extends QueryTestBase {
  @AfterEach
  void undo() {
    execute("DELETE FROM contacts");
  }

  @Test
  void record_keepsTheRowWithItsSource() {
    Contacts.Contact c =
        Contacts.record(
            store.jdbi(),
            "2",
            LocalDate.of(1997, 10, 20),
            Contacts.Channel.VISIT,
            Optional.of("  dropped by the shop \n"),
            Contacts.SOURCE_COMMAND);
    assertThat(c.customerId()).isEqualTo("2");
    assertThat(c.note()).contains("dropped by the shop");
    assertThat(
            count(
                "SELECT count(*) FROM contacts k JOIN customers c ON c.id = k.customer_id"
                    + " WHERE c.external_id = '2' AND k.id = ? AND k.contacted_on = '1997-10-20'"
                    + " AND k.channel = 'visit' AND k.source = 'command'"
                    + " AND k.note = 'dropped by the shop'",
                c.id()))
        .isOne();

    Contacts.Contact blank =
        Contacts.record(
            store.jdbi(),
            "2",
            LocalDate.of(1997, 10, 21),
            Contacts.Channel.EMAIL,
            Optional.of("   "),
            Contacts.SOURCE_COMMAND);
    assertThat(blank.note()).isEmpty();
    assertThat(count("SELECT count(*) FROM contacts WHERE id = ? AND note IS NULL", blank.id()))
        .isOne();
  }

  @Test
  void record_unknownCustomer_isRefusedNamingTheId() {
    assertThatThrownBy(
            () ->
                Contacts.record(
                    store.jdbi(),
                    "99999",
                    LocalDate.of(1997, 10, 20),
                    Contacts.Channel.CALL,
                    Optional.empty(),
                    Contacts.SOURCE_COMMAND))
        .isInstanceOf(UnknownCustomerException.class)
        .hasMessageContaining("'99999'")
        .hasMessageContaining("rekindle customers");
    assertThat(count("SELECT count(*) FROM contacts")).isZero();
  }

  @Test
  void channel_parse_namesTheChoices() {
    assertThat(Contacts.Channel.parse(" Call ")).isEqualTo(Contacts.Channel.CALL);
    assertThat(Contacts.Channel.parse("sms").label()).isEqualTo("sms");
    assertThatThrownBy(() -> Contacts.Channel.parse("fax"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the channel must be email, letter, call, sms, visit or other, not 'fax'");
  }
}
