package org.rekindle.store.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.consent.ConsentLog.Channel;
import org.rekindle.store.consent.ConsentLog.Source;
import org.rekindle.store.consent.Suppressions.Reason;

class SuppressionsTest {
  @TempDir Path home;

  @Test
  void suppressions_standUntilLifted_andTheCustomersOwnOnlyByThem() {
    try (Store store = Store.open(StoreSettings.embedded(home), n -> {})) {
      Suppressions s = new Suppressions(store.jdbi());
      assertThat(
              s.suppress(
                  Channel.EMAIL,
                  " Bob@Mail.Example ",
                  Reason.UNSUBSCRIBED,
                  Source.CUSTOMER,
                  "unsubscribe link",
                  ""))
          .isTrue();
      // the same address, however written, is the same suppression; a second one is not added
      assertThat(s.find(Channel.EMAIL, "bob@mail.example")).isPresent();
      assertThat(
              s.suppress(
                  Channel.EMAIL,
                  "BOB@mail.example",
                  Reason.DO_NOT_CONTACT,
                  Source.STAFF,
                  "maria",
                  ""))
          .isFalse();
      assertThat(s.find(Channel.EMAIL, "bob@mail.example").orElseThrow().reason())
          .isEqualTo("unsubscribed");
      // other channels are separate
      assertThat(s.find(Channel.SMS, "bob@mail.example")).isEmpty();

      // staff cannot lift what the customer asked for, through this class or in SQL
      assertThatThrownBy(() -> s.lift(Channel.EMAIL, "bob@mail.example", Source.STAFF, "maria", ""))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("only they can lift it");
      assertThatThrownBy(
              () ->
                  store
                      .jdbi()
                      .useHandle(
                          h ->
                              h.execute(
                                  "UPDATE suppressions SET lifted_at = now(), lifted_by = 'x',"
                                      + " lift_source = 'staff'")))
          .isInstanceOf(UnableToExecuteStatementException.class)
          .hasMessageContaining("only the customer can lift");
      assertThatThrownBy(() -> store.jdbi().useHandle(h -> h.execute("DELETE FROM suppressions")))
          .hasMessageContaining("never deleted");
      // the customer can
      assertThat(
              s.lift(Channel.EMAIL, "bob@mail.example", Source.CUSTOMER, "preference page", "")
                  .reason())
          .isEqualTo("unsubscribed");
      assertThat(s.find(Channel.EMAIL, "bob@mail.example")).isEmpty();

      // a bounce or a do-not-contact staff may lift; a lifted one is never changed again
      assertThat(
              s.suppress(
                  Channel.PHONE,
                  "+1 (555) 010-1",
                  Reason.WRONG_NUMBER,
                  Source.STAFF,
                  "maria",
                  "a bakery answered"))
          .isTrue();
      assertThat(s.find(Channel.PHONE, "+15550101").orElseThrow().note())
          .contains("a bakery answered");
      s.lift(Channel.PHONE, "+15550101", Source.STAFF, "tom", "new number checked");
      assertThatThrownBy(
              () ->
                  store
                      .jdbi()
                      .useHandle(
                          h -> h.execute("UPDATE suppressions SET lifted_by = 'someone else'")))
          .hasMessageContaining("only ever lifted, once");
      assertThatThrownBy(() -> s.lift(Channel.PHONE, "+15550101", Source.STAFF, "tom", ""))
          .hasMessageContaining("no suppression stands");
      assertThat(s.standing(10)).isEmpty();

      // a "do not contact" the customer said themselves is theirs to lift, like an unsubscribe
      assertThat(
              s.suppress(
                  Channel.PHONE,
                  "+1 555 0103",
                  Reason.DO_NOT_CONTACT,
                  Source.CUSTOMER,
                  "maria",
                  "said so on a call"))
          .isTrue();
      assertThatThrownBy(() -> s.lift(Channel.PHONE, "+15550103", Source.STAFF, "tom", ""))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("the customer asked so (do_not_contact)")
          .hasMessageContaining("only they can lift it");
      assertThatThrownBy(
              () ->
                  store
                      .jdbi()
                      .useHandle(
                          h ->
                              h.execute(
                                  "UPDATE suppressions SET lifted_at = now(), lifted_by = 'x',"
                                      + " lift_source = 'staff' WHERE address = '+15550103'")))
          .isInstanceOf(UnableToExecuteStatementException.class)
          .hasMessageContaining("only the customer can lift");
      assertThat(
              s.lift(Channel.PHONE, "+15550103", Source.CUSTOMER, "maria", "called us back")
                  .source())
          .isEqualTo("customer");
      assertThat(s.standing(10)).isEmpty();
      assertThatThrownBy(() -> Reason.parse("spam"))
          .hasMessageContaining("not a suppression reason");
      assertThat(Reason.parse("do-not-contact")).isEqualTo(Reason.DO_NOT_CONTACT);
    }
  }
}
