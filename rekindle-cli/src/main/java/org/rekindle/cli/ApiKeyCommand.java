package org.rekindle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.rekindle.core.text.Cells;
import org.rekindle.store.Store;
import org.rekindle.store.access.ApiKeys;
import org.rekindle.store.access.ApiKeys.ApiKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rekindle apikey}: keys for the machine clients of the REST API. */
@Command(
    name = "apikey",
    mixinStandardHelpOptions = true,
    description = {
      "Manages the keys that machine clients of the REST API present (a till that redeems offer"
          + " codes, a shop that posts its orders). A key is shown once, when it is made; Rekindle"
          + " keeps only its SHA-256 hash and its first 10 characters (its prefix), which tell"
          + " keys apart. A revoked key stops working at once. Every change is in the audit log"
          + " ('rekindle audit').",
      ""
    },
    subcommands = {
      ApiKeyCommand.Add.class,
      ApiKeyCommand.ListKeys.class,
      ApiKeyCommand.Revoke.class
    })
final class ApiKeyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** When the key was revoked, as {@code shown}; empty when it is live. */
  static String revoked(ApiKey k, Function<Instant, String> shown) {
    Instant at = k.revokedAt();
    return at == null ? "" : shown.apply(at);
  }

  /** {@code rekindle apikey add NAME}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Makes a key and prints it, the only time it is shown: copy it into the client's settings"
            + " at once. A lost key cannot be shown again; revoke it and make a new one.",
        ""
      })
  static final class Add implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Parameters(
        index = "0",
        paramLabel = "NAME",
        description =
            "Who uses the key, such as till-1 or webshop; shown in lists and the audit log.")
    String name = "";

    @Override
    public Integer call() {
      if (name.isBlank()) {
        throw new UsageException("NAME must say who uses the key, such as 'till-1'");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        ApiKeys.Created c = new ApiKeys(s.jdbi()).create(name, UserCommand.actor());
        ApiKey k = c.key();
        out.printf(
            Locale.ROOT,
            "API key %d '%s' made (prefix %s). The key:%n",
            k.id(),
            k.name(),
            k.prefix());
        out.println();
        out.println("  " + c.secret());
        out.println();
        out.println(
            "It will not be shown again: Rekindle keeps only its hash. Copy it now into the"
                + " client's settings.");
      }
      return 0;
    }
  }

  /** {@code rekindle apikey list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Lists the keys, newest first, revoked ones too: id, name, prefix, when made and by whom,"
            + " when revoked. The keys themselves are never shown. Times are in the business's"
            + " time zone (rekindle.yaml contact_policy.time_zone).",
        ""
      })
  static final class ListKeys implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();
    @Mixin ListFormat format = new ListFormat();

    @Override
    public Integer call() throws Exception {
      String fmt = format.of();
      ServiceRecoveryConfig config = ServiceRecoveryConfig.of(store.homeDir());
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        List<ApiKey> keys = new ApiKeys(s.jdbi()).list();
        switch (fmt) {
          case "csv" -> {
            out.println("id,name,prefix,created_at,created_by,revoked_at");
            for (ApiKey k : keys) {
              out.println(
                  String.join(
                      ",",
                      Long.toString(k.id()),
                      Cells.csv(k.name()),
                      k.prefix(),
                      k.createdAt().toString(),
                      Cells.csv(k.createdBy()),
                      revoked(k, Instant::toString)));
            }
          }
          case "json" -> {
            ObjectMapper mapper = Json.indented();
            ArrayNode list = mapper.createArrayNode();
            for (ApiKey k : keys) {
              ObjectNode n = list.addObject();
              n.put("id", k.id());
              n.put("name", k.name());
              n.put("prefix", k.prefix());
              n.put("createdAt", k.createdAt().toString());
              n.put("createdBy", k.createdBy());
              if (k.revokedAt() != null) {
                n.put("revokedAt", revoked(k, Instant::toString));
              } else {
                n.putNull("revokedAt");
              }
            }
            out.println(mapper.writeValueAsString(list));
          }
          default -> {
            if (keys.isEmpty()) {
              out.println("No API keys yet: make one with 'rekindle apikey add NAME'.");
              return 0;
            }
            long live = keys.stream().filter(k -> k.revokedAt() == null).count();
            out.printf(
                Locale.ROOT,
                "%d API key%s, %d live (times in %s):%n",
                keys.size(),
                keys.size() == 1 ? "" : "s",
                live,
                config.zone().getId());
            ListFormat.row(
                out,
                "%-5s %-20s %-11s %-16s %-20s %s",
                "id",
                "name",
                "prefix",
                "created",
                "created by",
                "revoked");
            for (ApiKey k : keys) {
              ListFormat.row(
                  out,
                  "%-5d %-20s %-11s %-16s %-20s %s",
                  k.id(),
                  Cells.shorten(Cells.terminal(k.name()), 20),
                  k.prefix(),
                  config.time(k.createdAt()),
                  Cells.shorten(Cells.terminal(k.createdBy()), 20),
                  revoked(k, config::time));
            }
          }
        }
      }
      return 0;
    }
  }

  /** {@code rekindle apikey revoke ID|PREFIX}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = {
        "Revokes a key: it stops working at once. Revoking a revoked key changes nothing.",
        ""
      })
  static final class Revoke implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    @Parameters(
        index = "0",
        paramLabel = "ID|PREFIX",
        description = "The key's id or its prefix, as 'rekindle apikey list' shows them.")
    String key = "";

    @Override
    public Integer call() {
      if (key.isBlank()) {
        throw new UsageException("give the key's id or prefix ('rekindle apikey list')");
      }
      ServiceRecoveryConfig config = ServiceRecoveryConfig.of(store.homeDir());
      PrintWriter out = spec.commandLine().getOut();
      try (Store s = store.open(spec.commandLine().getErr())) {
        ApiKey k = new ApiKeys(s.jdbi()).revoke(key, UserCommand.actor());
        out.printf(
            Locale.ROOT,
            "API key %d '%s' (%s) is revoked since %s (%s): it no longer works.%n",
            k.id(),
            k.name(),
            k.prefix(),
            revoked(k, config::time),
            config.zone().getId());
      }
      return 0;
    }
  }
}
