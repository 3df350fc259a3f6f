package org.rekindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.Store;
import org.rekindle.store.StoreSettings;
import org.rekindle.store.access.ApiKeys;
import org.rekindle.store.access.User;
import org.rekindle.store.access.Users;

/**
 * {@code rekindle user}, {@code apikey} and {@code audit} against an embedded store home: users are
 * made, listed, given new passwords, disabled and enabled, and can then log in (or not) with what
 * was typed; keys are made, found by their secret and revoked; every change is in the audit log,
 * and no list shows a hash or a key.
 */
class UserCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SECRET = Pattern.compile("rk_[A-Za-z0-9_-]{43}");

  @TempDir Path home;
  private final CliRun cli = new CliRun();

  private String[] withHome(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--home";
    all[args.length + 1] = home.toString();
    return all;
  }

  private int run(String... args) {
    return cli.run(withHome(args));
  }

  /** Runs with {@code input} on standard input, as a script piping the password does. */
  private int typed(String input, String... args) {
    return cli.runWithInput(input, withHome(args));
  }

  private <T> T store(Function<Store, T> work) {
    try (Store s = Store.open(StoreSettings.embedded(home), notice -> {})) {
      return work.apply(s);
    }
  }

  private Optional<User> login(String login, String password) {
    return store(s -> new Users(s.jdbi()).authenticate(login, password.toCharArray()));
  }

  private Optional<ApiKeys.ApiKey> findKey(String secret) {
    return store(s -> new ApiKeys(s.jdbi()).find(secret));
  }

  private static List<String> field(JsonNode array, String name) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.path(name).asText()));
    return values;
  }

  @Test
  void user_addListPasswordDisableEnable_roundTrip() throws Exception {
    assertThat(run("user", "list")).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("No users yet: add the first admin with 'rekindle user add");

    assertThat(
            typed(
                "correct horse battery\n",
                "user",
                "add",
                "Ada",
                "--name",
                "Ada Lovelace",
                "--role",
                "admin"))
        .as(cli.err())
        .isZero();
    assertThat(cli.out()).isEqualTo("Added user ada (admin, Ada Lovelace).\n");
    assertThat(
            typed(
                "maria-secret-1\r\nnot read\n",
                "user",
                "add",
                "maria",
                "--role",
                "REP",
                "--rep",
                "Maria",
                "--password-stdin"))
        .as(cli.err())
        .isZero();
    assertThat(cli.out()).isEqualTo("Added user maria (rep, rep name 'Maria').\n");

    assertThat(login("ada", "correct horse battery")).map(User::login).contains("ada");
    assertThat(login("ADA ", "correct horse battery")).isPresent();
    assertThat(login("ada", "correct horse battery\n")).isEmpty();
    assertThat(login("maria", "maria-secret-1"))
        .hasValueSatisfying(
            u -> {
              assertThat(u.rep()).isEqualTo("Maria");
              assertThat(u.maySee("maria")).isTrue();
              assertThat(u.maySee("Tom")).isFalse();
            });

    assertThat(run("user", "list")).as(cli.err()).isZero();
    assertThat(cli.out())
        .startsWith("2 users:\n")
        .containsPattern("ada +Ada Lovelace +admin\n")
        .containsPattern("maria +rep +Maria\n")
        .doesNotContain("argon2")
        .doesNotContain("correct horse")
        .doesNotContain("maria-secret");
    assertThat(run("user", "list", "--json")).as(cli.err()).isZero();
    JsonNode users = JSON.readTree(cli.out());
    assertThat(field(users, "login")).containsExactly("ada", "maria");
    assertThat(field(users, "role")).containsExactly("admin", "rep");
    assertThat(users.get(0).has("password")).isFalse();
    assertThat(cli.out()).doesNotContain("argon2");
    assertThat(run("user", "list", "--format", "csv")).isZero();
    assertThat(cli.out())
        .isEqualTo(
            "login,name,role,rep,disabled\n"
                + "\"ada\",\"Ada Lovelace\",admin,\"\",no\n"
                + "\"maria\",\"\",rep,\"Maria\",no\n");

    assertThat(typed("new-password-2\n", "user", "password", "Maria")).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("New password set for maria; their open sessions ended.\n");
    assertThat(login("maria", "maria-secret-1")).isEmpty();
    assertThat(login("maria", "new-password-2")).isPresent();

    assertThat(run("user", "disable", "maria")).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("Disabled maria: they can no longer log in");
    assertThat(login("maria", "new-password-2")).isEmpty();
    assertThat(run("user", "list")).isZero();
    assertThat(cli.out()).containsPattern("maria +rep +Maria +disabled\n");
    assertThat(run("user", "list", "--json")).isZero();
    assertThat(field(JSON.readTree(cli.out()), "disabled")).containsExactly("false", "true");
    assertThat(run("user", "disable", "maria")).isZero();
    assertThat(cli.out()).isEqualTo("maria was already disabled.\n");
    assertThat(run("user", "enable", "maria")).as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("Enabled maria: they can log in again.\n");
    assertThat(login("maria", "new-password-2")).isPresent();

    // every change, newest first, by this command line
    assertThat(run("audit", "--json")).as(cli.err()).isZero();
    JsonNode log = JSON.readTree(cli.out());
    assertThat(field(log, "action"))
        .containsExactly("user.enable", "user.disable", "user.password", "user.add", "user.add");
    assertThat(field(log, "subject"))
        .containsExactly("user maria", "user maria", "user maria", "user maria", "user ada");
    assertThat(field(log, "actor")).allSatisfy(a -> assertThat(a).startsWith("cli"));
    assertThat(log.get(3).path("detail").path("rep").asText()).isEqualTo("Maria");
    assertThat(cli.out()).doesNotContain("new-password-2").doesNotContain("argon2");
    String actor = log.get(0).path("actor").asText();
    assertThat(actor).isEqualTo(UserCommand.actor());

    assertThat(run("audit", "--limit", "2")).as(cli.err()).isZero();
    assertThat(cli.out())
        .startsWith("The latest 2 entries (times in ")
        .containsPattern("cli.* +user.enable +user maria")
        .containsPattern("cli.* +user.disable +user maria")
        .doesNotContain("user.password");
    assertThat(run("audit", "--actor", actor)).isZero();
    assertThat(cli.out()).startsWith("The latest 5 entries");
    assertThat(run("audit", "--actor", "user nobody")).isZero();
    assertThat(cli.out()).startsWith("No entries by 'user nobody'. Actors are named as");
  }

  @Test
  void user_badInput_isRefusedAndNothingIsAdded() {
    assertThat(typed("long enough 1\n", "user", "add", "maria", "--role", "rep")).isEqualTo(2);
    assertThat(cli.err())
        .contains("a rep needs --rep REPNAME")
        .contains("Try 'rekindle user add --help'.");
    assertThat(typed("long enough 1\n", "user", "add", "boss", "--role", "owner")).isEqualTo(2);
    assertThat(cli.err()).contains("--role: unknown role 'owner': expected one of admin, manager");
    assertThat(typed("long enough 1\n", "user", "add", "Bad Login!", "--role", "admin"))
        .isEqualTo(2);
    assertThat(cli.err()).contains("bad login 'Bad Login!'");
    assertThat(typed("long enough 1\n", "user", "add", "x", "--name", "X")).isEqualTo(2);
    assertThat(cli.err()).contains("Missing required option: '--role=admin|manager|rep'");

    assertThat(typed("short\n", "user", "add", "tom", "--role", "manager")).isEqualTo(3);
    assertThat(cli.err())
        .isEqualTo("rekindle: password refused: a password needs at least 8 characters\n");
    assertThat(typed("", "user", "add", "tom", "--role", "manager")).isEqualTo(3);
    assertThat(cli.err()).contains("no password for tom on standard input");
    assertThat(typed("\n", "user", "add", "tom", "--role", "manager")).isEqualTo(3);
    assertThat(typed("x".repeat(257) + "\n", "user", "add", "tom", "--role", "manager"))
        .isEqualTo(3);
    assertThat(cli.err()).contains("a password may have at most 256 characters");
    assertThat(HomeSql.count(home, "SELECT count(*) FROM users")).isZero();

    assertThat(typed("long enough 1\n", "user", "add", "tom", "--role", "manager")).isZero();
    assertThat(typed("other password\n", "user", "add", "TOM", "--role", "admin")).isEqualTo(3);
    assertThat(cli.err()).contains("there is already a user 'tom'");
    assertThat(login("tom", "long enough 1")).map(u -> u.role().label()).contains("manager");
    assertThat(typed("weak\n", "user", "password", "tom")).isEqualTo(3);
    assertThat(cli.err()).contains("password refused: a password needs at least 8");
    assertThat(login("tom", "long enough 1")).isPresent();

    assertThat(typed("long enough 2\n", "user", "password", "nobody")).isEqualTo(3);
    assertThat(cli.err()).contains("there is no user 'nobody' (see 'rekindle user list')");
    assertThat(run("user", "disable", "nobody")).isEqualTo(3);
    assertThat(cli.err()).contains("there is no user 'nobody'");
    assertThat(run("user", "list", "--format", "xml")).isEqualTo(2);
    assertThat(run("audit", "--limit", "0")).isEqualTo(2);
    assertThat(cli.err()).contains("--limit must be from 1 to 100000, not 0");
    assertThat(HomeSql.count(home, "SELECT count(*) FROM audit_log")).isEqualTo(1);
  }

  @Test
  void apikey_addFindRevoke_andNoListShowsTheKey() throws Exception {
    assertThat(run("apikey", "list")).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("No API keys yet");

    assertThat(run("apikey", "add", "till-1")).as(cli.err()).isZero();
    Matcher m = SECRET.matcher(cli.out());
    assertThat(m.find()).as(cli.out()).isTrue();
    String secret = m.group();
    assertThat(cli.out())
        .startsWith("API key 1 'till-1' made (prefix " + secret.substring(0, 10) + ")")
        .contains("\n  " + secret + "\n")
        .contains("It will not be shown again");
    assertThat(findKey(secret)).map(ApiKeys.ApiKey::name).contains("till-1");
    assertThat(run("apikey", "add", "webshop")).as(cli.err()).isZero();
    Matcher m2 = SECRET.matcher(cli.out());
    assertThat(m2.find()).isTrue();
    String second = m2.group();

    assertThat(run("apikey", "list")).as(cli.err()).isZero();
    assertThat(cli.out())
        .startsWith("2 API keys, 2 live (times in ")
        .containsPattern("1 +till-1 +" + Pattern.quote(secret.substring(0, 10)) + " ")
        .containsPattern("2 +webshop +" + Pattern.quote(second.substring(0, 10)) + " ")
        .doesNotContain(secret)
        .doesNotContain(second);
    assertThat(run("apikey", "list", "--json")).isZero();
    assertThat(cli.out()).doesNotContain(secret).doesNotContain(second);
    JsonNode keys = JSON.readTree(cli.out());
    assertThat(field(keys, "name")).containsExactly("webshop", "till-1");
    assertThat(keys.get(1).get("revokedAt").isNull()).isTrue();
    assertThat(keys.get(1).path("createdBy").asText()).isEqualTo(UserCommand.actor());

    assertThat(run("apikey", "revoke", secret.substring(0, 10))).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("API key 1 'till-1' (" + secret.substring(0, 10) + ") is");
    assertThat(cli.out()).contains("it no longer works");
    assertThat(findKey(secret)).isEmpty();
    assertThat(findKey(second)).isPresent();
    assertThat(run("apikey", "revoke", "2")).as(cli.err()).isZero();
    assertThat(findKey(second)).isEmpty();
    assertThat(run("apikey", "list", "--format", "json")).isZero();
    assertThat(JSON.readTree(cli.out()).get(1).get("revokedAt").asText()).isNotEmpty();
    assertThat(run("apikey", "list")).isZero();
    assertThat(cli.out()).startsWith("2 API keys, 0 live");

    assertThat(run("apikey", "revoke", "rk_nothing")).isEqualTo(3);
    assertThat(cli.err()).contains("no key has the id or prefix 'rk_nothing'");
    assertThat(run("apikey", "add", " ")).isEqualTo(2);
    assertThat(cli.err()).contains("NAME must say who uses the key");

    assertThat(run("audit")).as(cli.err()).isZero();
    assertThat(cli.out())
        .startsWith("The latest 4 entries")
        .containsPattern("key.revoke +key webshop")
        .containsPattern("key.revoke +key till-1")
        .containsPattern(
            "key.add +key till-1 +\\{\"prefix\": ?\"" + Pattern.quote(secret.substring(0, 10)))
        .doesNotContain(secret)
        .doesNotContain(second);
  }

  @Test
  void help_explainsEveryOption() {
    assertThat(cli.run("user", "add", "--help")).isZero();
    assertThat(cli.out())
        .contains("--name")
        .contains("--role=admin|manager|rep")
        .contains("--rep=REPNAME")
        .contains("--password-stdin")
        .contains("--home=DIR");
    assertThat(cli.run("audit", "--help")).isZero();
    assertThat(cli.out()).contains("--limit=N").contains("--actor=X").contains("--json");
    assertThat(cli.run("apikey", "--help")).isZero();
    assertThat(cli.out()).contains("add").contains("list").contains("revoke");
    assertThat(cli.run("--help")).isZero();
    assertThat(cli.out()).contains("user").contains("apikey").contains("audit");
  }
}
