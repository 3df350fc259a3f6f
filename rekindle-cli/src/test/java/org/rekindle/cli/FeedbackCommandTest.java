package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rekindle feedback}, {@code cases} and {@code case}: the example feedback imported into the
 * example home opens cases that are then worked, closed and escalated, with bad input refused.
 */
class FeedbackCommandTest {
  @TempDir Path home;
  @TempDir Path dir;
  private final CliRun cli = new CliRun();

  private int run(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--home";
    all[args.length + 1] = home.toString();
    return cli.run(all);
  }

  private String example() {
    return CliRun.EXAMPLES.resolve("feedback_example.csv").toString();
  }

  @Test
  void import_opensCasesForTheNegative_andAReimportAddsNothing() {
    cli.importExample(home.toString());

    assertThat(run("feedback", "import", example())).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("5 rows read: 5 inserted, 0 updated, 0 unchanged, 0 rejected, 0 duplicates")
        .contains("3 service cases opened for negative feedback (first contact due within 1 day;");
    assertThat(run("feedback", "import", example())).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("5 rows read: 0 inserted, 0 updated, 5 unchanged, 0 rejected")
        .contains("0 service cases opened");
    assertThat(HomeSql.count(home, "SELECT count(*) FROM cases")).isEqualTo(3);

    assertThat(run("cases", "--open")).as(cli.err()).isZero();
    assertThat(cli.out())
        .startsWith("3 cases, 3 open (times in UTC):")
        .containsPattern("#1 +open +2 +Bob Stein +Maria ")
        .containsPattern("#2 +open +3 +Carla Diaz +Tom ")
        .containsPattern("#3 +open +5 +Evan Ho +\\(pool\\) ")
        .contains("reviews.example, 1 of 5")
        .contains("phone, flagged");
    assertThat(run("cases", "--rep", "Tom", "--format", "csv")).isZero();
    assertThat(cli.out().lines().toList())
        .hasSize(2)
        .first()
        .asString()
        .startsWith("case,status,customer_id,");
    assertThat(run("feedback", "list", "--customer", "3", "--format", "json")).isZero();
    assertThat(cli.out()).contains("\"case\" : 2").contains("\"flagged\" : true");
  }

  @Test
  void aCase_isWorkedAndClosed_andNonsenseIsRefused() {
    cli.importExample(home.toString());
    assertThat(run("feedback", "import", example())).as(cli.err()).isZero();

    assertThat(
            run("case", "contact", "1", "--by", "Maria", "--channel", "visit", "--note", "sorry"))
        .as(cli.err())
        .isZero();
    assertThat(cli.out())
        .isEqualTo("Case #1: visit recorded (the first contact, within the SLA).\n");
    assertThat(
            HomeSql.count(
                home, "SELECT count(*) FROM contacts WHERE source = 'case' AND channel = 'visit'"))
        .isEqualTo(1);
    assertThat(run("case", "assign", "1", "--to", "Tom", "--by", "Dana")).isZero();
    assertThat(
            run("case", "close", "1", "--outcome", "resolved", "--by", "Tom", "--note", "refund"))
        .isZero();
    assertThat(cli.out()).isEqualTo("Case #1: closed, resolved.\n");

    assertThat(run("case", "close", "1", "--outcome", "resolved", "--by", "Tom")).isEqualTo(3);
    assertThat(cli.err()).contains("case #1 is already closed (resolved,");
    assertThat(run("case", "contact", "1", "--by", "Tom")).isEqualTo(3);
    assertThat(cli.err()).contains("reopen it first ('rekindle case reopen 1')");
    assertThat(run("case", "close", "9", "--outcome", "resolved", "--by", "Tom")).isEqualTo(3);
    assertThat(cli.err()).contains("there is no case #9");
    assertThat(run("case", "close", "2", "--outcome", "fixed", "--by", "Tom")).isEqualTo(2);
    assertThat(cli.err()).contains("--outcome: the outcome must be resolved, unresolved");
    assertThat(run("case", "contact", "2", "--by", "Tom", "--channel", "fax")).isEqualTo(2);
    assertThat(cli.err()).contains("--channel: the channel must be call, email, visit or other");
    assertThat(run("case", "note", "2", "--note", "x")).isEqualTo(2);
    assertThat(cli.err()).contains("--by");

    assertThat(run("case", "show", "1")).as(cli.err()).isZero();
    assertThat(cli.out())
        .startsWith("Case #1: closed: resolved\n")
        .contains("  Customer:      2 (Bob Stein)\n")
        .contains("\"Waited forty minutes at the counter and nobody helped me.\"")
        .contains("  Assigned to:   Tom\n")
        .containsPattern("contacted +Maria +by visit: sorry")
        .containsPattern("reassigned +Dana +from Maria to Tom")
        .containsPattern("closed +Tom +resolved: refund");
    assertThat(run("case", "show", "1", "--format", "json")).isZero();
    assertThat(cli.out()).contains("\"outcome\" : \"resolved\"").contains("\"actions\" : [");

    assertThat(run("cases")).isZero();
    assertThat(cli.out()).startsWith("3 cases, 2 open").containsPattern("#1 +closed: resolved");
  }

  @Test
  void add_byHand_opensACase_andChecksItsInput() {
    cli.importExample(home.toString());

    assertThat(
            run(
                "feedback",
                "add",
                "--customer",
                "4",
                "--source",
                "phone",
                "--rating",
                "1",
                "--text",
                "rude driver",
                "--date",
                "1997-10-10",
                "--by",
                "Sam"))
        .as(cli.err())
        .isZero();
    assertThat(cli.out())
        .contains("Recorded feedback #1 from 4.")
        .contains("Negative: service case #1 opened; first contact due within 1 day");
    assertThat(run("feedback", "add", "--customer", "4", "--source", "counter", "--rating", "5"))
        .isZero();
    assertThat(cli.out()).doesNotContain("case");

    assertThat(run("feedback", "add", "--customer", "4", "--source", "phone")).isEqualTo(2);
    assertThat(cli.err()).contains("give --rating, --text or --flagged");
    assertThat(run("feedback", "add", "--customer", "4", "--source", "phone", "--rating", "6"))
        .isEqualTo(2);
    assertThat(cli.err()).contains("--rating must be from 1 to 5, not 6");
    assertThat(run("feedback", "add", "--customer", "nobody", "--source", "x", "--flagged"))
        .isEqualTo(3);
    assertThat(cli.err()).contains("no customer with id 'nobody'");
    assertThat(HomeSql.count(home, "SELECT count(*) FROM feedback")).isEqualTo(2);
  }

  @Test
  void badRows_areListed_andOtherScalesMapped() throws IOException {
    cli.importExample(home.toString());
    Path file = dir.resolve("nps.csv");
    Files.writeString(
        file,
        "customer,score,comment,date\n"
            + "1,3,meh,1997-10-01\n"
            + "2,9,great,1997-10-01\n"
            + "nobody,1,who,1997-10-01\n"
            + "3,11,off the scale,1997-10-01\n",
        StandardCharsets.UTF_8);

    assertThat(run("feedback", "import", file.toString(), "--scale", "10", "--max-rejects", "0.5"))
        .as(cli.err())
        .isZero();
    assertThat(cli.out())
        .contains("4 rows read: 2 inserted, 0 updated, 0 unchanged, 2 rejected")
        .contains("1 service case opened")
        .contains("  line 4: unknown customer 'nobody'")
        .contains("  line 5: column 'score': the rating '11' is not a number from 0 to 10")
        .contains("See the rejected rows: rekindle import rejects 3");
    assertThat(HomeSql.count(home, "SELECT count(*) FROM feedback WHERE source = 'nps.csv'"))
        .isEqualTo(2);

    assertThat(run("feedback", "import", file.toString(), "--scale", "7")).isEqualTo(2);
    assertThat(cli.err()).contains("--scale must be 5, 10 or 100, not 7");
    assertThat(run("feedback", "import", file.toString())).isEqualTo(3);
    assertThat(cli.err()).contains("rejected, above the 1% limit");
  }

  @Test
  void escalate_goesToTheManagerOfRekindleYaml() throws IOException {
    cli.importExample(home.toString());
    Files.writeString(
        home.resolve("rekindle.yaml"),
        "service_recovery:\n  first_contact_within: 4h\n  manager: \"Dana Hill\"\nplaybooks: []\n",
        StandardCharsets.UTF_8);
    assertThat(run("feedback", "import", example())).as(cli.err()).isZero();
    assertThat(cli.out()).contains("first contact due within 4 hours");
    HomeSql.execute(
        home,
        "UPDATE cases SET opened_at = opened_at - interval '1 day', due_at = due_at - interval"
            + " '1 day' WHERE id = 2");

    assertThat(run("case", "escalate")).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("1 case escalated to Dana Hill.\n");
    assertThat(run("case", "escalate")).isZero();
    assertThat(cli.out()).isEqualTo("0 cases escalated to Dana Hill.\n");
    assertThat(run("cases", "--open")).isZero();
    assertThat(cli.out().lines().skip(2).findFirst().orElseThrow())
        .containsPattern("#2 +ESCALATED +3 ");

    Files.writeString(
        home.resolve("rekindle.yaml"),
        "service_recovery:\n  first_contact_within: 24\nplaybooks: []\n",
        StandardCharsets.UTF_8);
    assertThat(run("cases")).isEqualTo(3);
    assertThat(cli.err()).contains("first_contact_within must be hours or days such as 24h");
  }

  @Test
  void help_explainsEveryCommand() {
    for (String[] command :
        new String[][] {
          {"feedback", "import"},
          {"feedback", "add"},
          {"feedback", "list"},
          {"cases"},
          {"case", "show"},
          {"case", "contact"},
          {"case", "note"},
          {"case", "assign"},
          {"case", "close"},
          {"case", "reopen"},
          {"case", "escalate"}
        }) {
      String[] args = new String[command.length + 1];
      System.arraycopy(command, 0, args, 0, command.length);
      args[command.length] = "--help";
      assertThat(cli.run(args)).as(String.join(" ", command)).isZero();
      assertThat(cli.out()).contains("Usage: rekindle " + String.join(" ", command));
    }
    assertThat(cli.run("feedback", "import", "--help")).isZero();
    assertThat(cli.out()).contains("--scale=5|10|100").contains("ceil(r/2)");
  }
}
