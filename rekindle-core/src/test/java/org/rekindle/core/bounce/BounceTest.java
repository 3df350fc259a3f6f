package org.rekindle.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rekindle.core.bounce.Bounce.Kind;

class BounceTest {
  @Test
  void parse_providersWords_andStatusCodes() {
    assertThat(Kind.parse("HardBounce")).contains(Kind.HARD);
    assertThat(Kind.parse(" hard_bounce ")).contains(Kind.HARD);
    assertThat(Kind.parse("Permanent")).contains(Kind.HARD);
    assertThat(Kind.parse("Transient")).contains(Kind.SOFT);
    assertThat(Kind.parse("deferred")).contains(Kind.SOFT);
    assertThat(Kind.parse("SpamComplaint")).contains(Kind.COMPLAINT);
    assertThat(Kind.parse("spamreport")).contains(Kind.COMPLAINT);
    assertThat(Kind.parse("abuse")).contains(Kind.COMPLAINT);
    assertThat(Kind.parse("group-unsubscribe")).contains(Kind.UNSUBSCRIBE);
    assertThat(Kind.parse("5.1.1")).contains(Kind.HARD);
    assertThat(Kind.parse("4.2.2")).contains(Kind.SOFT);
    assertThat(Kind.parse("2.0.0")).isEmpty();
    assertThat(Kind.parse("opened")).isEmpty();
    assertThat(Kind.parse("")).isEmpty();
  }

  @Test
  void fromStatus_findsTheCodeInAServersWords() {
    assertThat(Kind.fromStatus("5.7.1 (delivery not authorized)")).contains(Kind.HARD);
    assertThat(Kind.fromStatus("smtp; 451 4.7.1 try again later")).contains(Kind.SOFT);
    assertThat(Kind.fromStatus("550 no such user")).isEmpty();
  }

  @Test
  void bounce_refusesWhatIsNotAnAddress() {
    Origin at = Origin.message("x.mbox", 2);
    assertThat(at).hasToString("x.mbox message 2");
    assertThatThrownBy(
            () -> new Bounce("bob", Kind.HARD, Optional.empty(), "", Optional.empty(), at))
        .hasMessageContaining("not an email address: 'bob'");
    assertThatThrownBy(() -> Origin.line("x.csv", 0)).hasMessageContaining("starts at 1");
  }
}
