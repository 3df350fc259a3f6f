package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rekindle offers}: issued, redeemed once, listed; bad input refused with a reason. */
class OffersCommandTest {
  private static final Pattern CODE = Pattern.compile("^([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{5}) ");

  @TempDir Path home;
  private final CliRun cli = new CliRun();

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void offers_issuedRedeemedOnceAndListed() {
    String h = home.toString();
    assertThat(
            run(
                "import",
                "orders",
                CliRun.EXAMPLES.resolve("cdnow").resolve("cdnow_sample.csv").toString(),
                "--home",
                h))
        .isZero();

    assertThat(
            run(
                "offers",
                "issue",
                "244",
                "--kind",
                "amount",
                "--value",
                "20",
                "--currency",
                "usd",
                "--home",
                h))
        .as(cli.err())
        .isZero();
    Matcher m = CODE.matcher(cli.out());
    assertThat(m.find()).as(cli.out()).isTrue();
    String code = m.group(1);
    assertThat(cli.out()).contains(" for 244: 20.00 USD off, valid until ");

    String typed = " " + code.toLowerCase(Locale.ROOT).replace('-', ' ') + " ";
    assertThat(run("offers", "redeem", typed, "--customer", "244", "--amount", "15", "--home", h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out()).startsWith("redeemed " + code + " (20.00 USD off), cost 15.00 USD");
    assertThat(run("offers", "redeem", code, "--customer", "244", "--amount", "15", "--home", h))
        .isEqualTo(OffersCommand.EXIT_NOT_HONOURED);
    assertThat(cli.out()).contains(code + " was already used at ");
    assertThat(run("offers", "redeem", "2222-2222-22222", "--order", "x", "--home", h))
        .isEqualTo(3);
    assertThat(cli.err()).contains("no order with id 'x'");

    assertThat(
            run(
                "offers",
                "issue",
                "1",
                "--kind",
                "free service",
                "--value",
                "35",
                "--currency",
                "USD",
                "--description",
                "free delivery",
                "--any-order",
                "--home",
                h))
        .as(cli.err())
        .isZero();
    assertThat(cli.out()).contains(" for 1: free delivery, valid until ").contains("any order");

    assertThat(run("offers", "list", "--home", h)).isZero();
    assertThat(cli.out())
        .contains("code ")
        .contains(code + "  244         20.00 USD off")
        .contains("redeemed")
        .contains("15.00 USD")
        .contains("free delivery");
    assertThat(run("offers", "list", "--status", "issued", "--home", h)).isZero();
    assertThat(cli.out()).doesNotContain(code).contains("free delivery");
    assertThat(run("offers", "list", "--customer", "nobody", "--home", h)).isZero();
    assertThat(cli.out()).isEqualTo("No offers.\n");
    assertThat(HomeSql.count(home, "SELECT count(*) FROM offers")).isEqualTo(2);
  }

  @Test
  void offers_badInput_isRefusedWithTheReason() {
    String h = home.toString();
    assertThat(run("offers", "issue", "1", "--kind", "gift", "--value", "5", "--home", h))
        .isEqualTo(2);
    assertThat(cli.err()).contains("percent, amount or free_service, not 'gift'");
    assertThat(run("offers", "issue", "1", "--kind", "percent", "--value", "120", "--home", h))
        .isEqualTo(2);
    assertThat(cli.err()).contains("more than 0 and at most 100");
    assertThat(run("offers", "issue", "1", "--kind", "amount", "--value", "5", "--home", h))
        .isEqualTo(2);
    assertThat(cli.err()).contains("three-letter currency");
    assertThat(run("offers", "issue", "1", "--kind", "percent", "--value", "ten", "--home", h))
        .isEqualTo(2);
    assertThat(cli.err()).contains("--value must be a number");
    assertThat(run("offers", "issue", "1", "--kind", "percent", "--value", "10", "--home", h))
        .isEqualTo(3);
    assertThat(cli.err()).contains("no customer with id '1'");
    assertThat(run("offers", "redeem", "2222-2222-22222", "--home", h)).isEqualTo(2);
    assertThat(cli.err()).contains("give either --order ID, or --customer ID with --amount N");
    assertThat(run("offers", "list", "--status", "used", "--home", h)).isEqualTo(2);
    assertThat(cli.err()).contains("issued, redeemed, expired or void");
    assertThat(run("offers", "--home", h)).isEqualTo(2);
  }
}
