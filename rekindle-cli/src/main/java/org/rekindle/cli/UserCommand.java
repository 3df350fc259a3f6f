package org.rekindle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.text.Cells;
import org.rekindle.store.Store;
import org.rekindle.store.access.AccessException;
import org.rekindle.store.access.Role;
import org.rekindle.store.access.User;
import org.rekindle.store.access.Users;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rekindle user}: the people who log in to the dashboard. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = {
      "Manages the people who log in to the dashboard ('rekindle serve'). Each has a role: admin"
          + " (everything, users and API keys too), manager (every customer and result, no user"
          + " admin) or rep (only the accounts whose owner rep is theirs, and their call list)."
          + " A fresh home has no users: make the first admin with 'rekindle user add LOGIN"
          + " --role admin'. Passwords are kept only as Argon2id hashes. Every change is in the"
          + " audit log ('rekindle audit') as done by 'cli (your OS user name)'.",
      ""
    },
    subcommands = {
      UserCommand.Add.class,
      UserCommand.ListUsers.class,
      UserCommand.Password.class,
      UserCommand.Disable.class,
      UserCommand.Enable.class
    })
final class UserCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** How the audit log names a change made on this command line: "cli (maria)". */
  static String actor() {
    String os = System.getProperty("user.name", "");
    return os.isBlank() ? "cli" : "cli (" + os.strip() + ")";
  }

  /** The login as kept, or a usage error naming what a login may hold. */
  static String login(String login) {
    try {
      return Users.normalLogin(login);
    } catch (AccessException e) {
      throw new UsageException(e);
    }
  }

  private static final String PASSWORD_STDIN =
      "Read the password from the first line of standard input instead of asking for it on the"
          + " terminal (for scripts: printf '%%s\\n' \"$PW\" | rekindle user ...). Without a"
          + " terminal, standard input is read anyway.";

  /** {@code rekindle user add LOGIN}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Adds a user and sets their password: asked twice on the terminal without echo, or read"
            + " from standard input (--password-stdin, or when there is no terminal). A password"
            + " needs 8 to 256 characters.",
        ""
      })
  static final class Add implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Parameters(
        index = "0",
        paramLabel = "LOGIN",
        description =
            "The login name: 1 to 64 of a-z, 0-9 and . _ @ -, starting with a letter or digit;"
                + " kept in lower case.")
    String login = "";

    @Option(
        names = "--name",
        paramLabel = "\"Full Name\"",
        description = "How the dashboard greets them. Default: their login.")
    @Nullable String name;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "admin|manager|rep",
        description =
            "admin: everything, users and API keys too; manager: every customer, call list and"
                + " result, no user admin; rep: only their own accounts and call list.")
    String role = "";

    @Option(
        names = "--rep",
        paramLabel = "REPNAME",
        description =
            "The rep name as it appears on the customer accounts (their owner rep), which decides"
                + " the accounts a rep sees. Required for --role rep; a manager or admin may have"
                + " one too, for their own accounts.")
    @Nullable String rep;

    @Option(names = "--password-stdin", description = PASSWORD_STDIN)
    boolean passwordStdin;

    @Override
    public Integer call() {
      String l = login(login);
      Role r;
      try {
        r = Role.parse(role);
      } catch (AccessException e) {
        throw new UsageException("--role: " + e.getMessage());
      }
      if (rep != null && rep.isBlank()) {
        throw new UsageException("--rep must not be empty");
      }
      if (r == Role.REP && rep == null) {
        throw new UsageException(
            "a rep needs --rep REPNAME: the rep name their customer accounts carry as owner rep");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        Users users = new Users(s.jdbi());
        // asked before the password, so nobody types one for a login that is taken
        if (users.find(l).isPresent()) {
          throw new AccessException(
              "there is already a user '"
                  + l
                  + "' ('rekindle user password "
                  + l
                  + "' sets a new"
                  + " password)");
        }
        boolean first = !users.any();
        char[] password = Main.terminal(spec).newPassword(l, passwordStdin);
        User u;
        try {
          u = users.add(l, name, r, rep, password, actor());
        } finally {
          Arrays.fill(password, '\0');
        }
        out.printf(
            Locale.ROOT,
            "Added user %s (%s%s%s).%n",
            u.login(),
            u.role().label(),
            u.name() == null ? "" : ", " + u.name(),
            u.rep() == null ? "" : ", rep name '" + u.rep() + "'");
        if (first && u.role() != Role.ADMIN) {
          out.println(
              "Note: there is no admin yet; add one with 'rekindle user add LOGIN --role admin'.");
        }
      }
      return 0;
    }
  }

  /** {@code rekindle user list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Lists the users by login: name, role, rep name and whether they are disabled. Passwords"
            + " are never shown (only their hashes are kept).",
        ""
      })
  static final class ListUsers implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();
    @Mixin ListFormat format = new ListFormat();

    @Override
    public Integer call() throws Exception {
      String fmt = format.of();
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        List<User> users = new Users(s.jdbi()).list();
        switch (fmt) {
          case "csv" -> {
            out.println("login,name,role,rep,disabled");
            for (User u : users) {
              out.println(
                  String.join(
                      ",",
                      Cells.csv(u.login()),
                      Cells.csv(orEmpty(u.name())),
                      u.role().label(),
                      Cells.csv(orEmpty(u.rep())),
                      u.disabled() ? "yes" : "no"));
            }
          }
          case "json" -> {
            ObjectMapper mapper = Json.indented();
            ArrayNode list = mapper.createArrayNode();
            for (User u : users) {
              ObjectNode n = list.addObject();
              n.put("login", u.login());
              n.put("name", u.name());
              n.put("role", u.role().label());
              n.put("rep", u.rep());
              n.put("disabled", u.disabled());
            }
            out.println(mapper.writeValueAsString(list));
          }
          default -> {
            if (users.isEmpty()) {
              out.println(
                  "No users yet: add the first admin with 'rekindle user add LOGIN --role admin'.");
              return 0;
            }
            out.printf(Locale.ROOT, "%d user%s:%n", users.size(), users.size() == 1 ? "" : "s");
            ListFormat.row(out, "%-20s %-24s %-8s %-16s %s", "login", "name", "role", "rep", "");
            for (User u : users) {
              ListFormat.row(
                  out,
                  "%-20s %-24s %-8s %-16s %s",
                  u.login(),
                  Cells.shorten(Cells.terminal(orEmpty(u.name())), 24),
                  u.role().label(),
                  Cells.shorten(Cells.terminal(orEmpty(u.rep())), 16),
                  u.disabled() ? "disabled" : "");
            }
          }
        }
      }
      return 0;
    }

    private static String orEmpty(@Nullable String s) {
      return s == null ? "" : s;
    }
  }

  /** {@code rekindle user password LOGIN}. */
  @Command(
      name = "password",
      mixinStandardHelpOptions = true,
      description = {
        "Sets a new password for a user, read as for 'user add'. Their open dashboard sessions"
            + " end, so they log in again with the new one.",
        ""
      })
  static final class Password implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Parameters(index = "0", paramLabel = "LOGIN", description = "The user's login.")
    String login = "";

    @Option(names = "--password-stdin", description = PASSWORD_STDIN)
    boolean passwordStdin;

    @Override
    public Integer call() {
      String l = login(login);
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        Users users = new Users(s.jdbi());
        if (users.find(l).isEmpty()) {
          throw noUser(l);
        }
        char[] password = Main.terminal(spec).newPassword(l, passwordStdin);
        try {
          users.setPassword(l, password, actor());
        } finally {
          Arrays.fill(password, '\0');
        }
        out.printf(Locale.ROOT, "New password set for %s; their open sessions ended.%n", l);
      }
      return 0;
    }
  }

  static AccessException noUser(String login) {
    return new AccessException("there is no user '" + login + "' (see 'rekindle user list')");
  }

  /** What disable and enable share. */
  abstract static class OnOff implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Parameters(index = "0", paramLabel = "LOGIN", description = "The user's login.")
    String login = "";

    abstract boolean disable();

    @Override
    public Integer call() {
      String l = login(login);
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        Users users = new Users(s.jdbi());
        User before = users.find(l).orElseThrow(() -> noUser(l));
        if (before.disabled() == disable()) {
          out.printf(Locale.ROOT, "%s was already %s.%n", l, disable() ? "disabled" : "enabled");
          return 0;
        }
        users.setDisabled(l, disable(), actor());
        if (disable()) {
          out.printf(
              Locale.ROOT,
              "Disabled %s: they can no longer log in, and their open sessions ended.%n",
              l);
        } else {
          out.printf(Locale.ROOT, "Enabled %s: they can log in again.%n", l);
        }
      }
      return 0;
    }
  }

  /** {@code rekindle user disable LOGIN}. */
  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = {
        "Stops a user from logging in and ends their open sessions. They and what they did stay"
            + " on record; 'user enable' lets them in again.",
        ""
      })
  static final class Disable extends OnOff {
    @Override
    boolean disable() {
      return true;
    }
  }

  /** {@code rekindle user enable LOGIN}. */
  @Command(
      name = "enable",
      mixinStandardHelpOptions = true,
      description = {"Lets a disabled user log in again, with the password they had.", ""})
  static final class Enable extends OnOff {
    @Override
    boolean disable() {
      return false;
    }
  }
}
