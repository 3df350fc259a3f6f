package org.rekindle.core.playbook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.playbook.Condition.NumberField;
import org.rekindle.core.playbook.Condition.Operator;
import org.rekindle.core.playbook.YamlTree.Entry;
import org.rekindle.core.playbook.YamlTree.Mapping;
import org.rekindle.core.playbook.YamlTree.Node;
import org.rekindle.core.playbook.YamlTree.Scalar;
import org.rekindle.core.playbook.YamlTree.ScalarKind;
import org.rekindle.core.playbook.YamlTree.Sequence;

/**
 * Turns a YAML tree into {@link Playbooks}, checking every key and value against the format of
 * docs/playbooks.md. It records a problem and carries on wherever it can, so one pass reports
 * everything; a part with a problem yields nothing, and the caller throws if any problem was found.
 */
final class PlaybookReader {
  /** The longest wait, delay or cadence accepted: ten years, past which a number is a typo. */
  static final int MAX_DAYS = 3650;

  private static final Pattern TEMPLATE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern COMPARISON =
      Pattern.compile(
          "\\s*(<=|>=|!=|<|>|=)\\s*([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*");
  private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");

  private static final List<String> TOP =
      List.of("version", "settings", "contact_policy", "business", "service_recovery", "playbooks");
  private static final List<String> SERVICE_RECOVERY = List.of("first_contact_within", "manager");
  private static final Pattern SPAN = Pattern.compile("(\\d{1,5})\\s*([hd])");
  private static final List<String> POLICY =
      List.of("caps", "quiet_hours", "calls_per_rep_per_day", "offer_budget", "time_zone");
  private static final List<String> BUSINESS =
      List.of("name", "phone", "from_email", "reply_to", "address", "website", "public_url");
  private static final Pattern CLOCK = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)");
  private static final Pattern PLAIN_EMAIL =
      Pattern.compile("[^@\\s\"<>,;]+@[^@\\s\"<>,;]+\\.[^@\\s\"<>,;]+");
  private static final List<String> SETTINGS = List.of("holdout", "stop_when");
  private static final List<String> PLAYBOOK =
      List.of(
          "id", "name", "enabled", "trigger", "when", "steps", "stop_when", "holdout", "priority");
  private static final List<String> TRIGGER_TYPES =
      List.of(
          "entered_state",
          "account_notice_due",
          "no_contact_for",
          "birthday",
          "customer_since_anniversary",
          "lost_for");
  private static final List<String> STEP_KINDS =
      List.of("email", "letter", "call", "offer", "survey", "wait");
  private static final List<String> CONDITION_KEYS;

  static {
    List<String> keys = new ArrayList<>();
    for (NumberField field : NumberField.values()) {
      keys.add(field.key());
    }
    keys.addAll(
        List.of(
            "segment",
            "owner_rep",
            "tags_include",
            "tags_exclude",
            "account_kind",
            "state",
            "consent_email",
            "consent_letter",
            "consent_phone",
            "consent_sms",
            "any",
            "not"));
    CONDITION_KEYS = List.copyOf(keys);
  }

  private final Problems problems;
  private final String source;

  PlaybookReader(Problems problems, String source) {
    this.problems = problems;
    this.source = source;
  }

  Optional<Playbooks> read(Node root) {
    Optional<Mapping> top = mapping(root, "the file");
    if (top.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Node> keys = keys(top.get(), "the file", TOP, List.of("playbooks"));
    Node version = keys.get("version");
    if (version != null) {
      integer(version, "version", 1, 1);
    }
    Playbooks.Settings settings = Playbooks.Settings.DEFAULT;
    Node settingsNode = keys.get("settings");
    if (settingsNode != null) {
      settings = settings(settingsNode).orElse(settings);
    }
    ContactPolicy policy = ContactPolicy.DEFAULT;
    Node policyNode = keys.get("contact_policy");
    if (policyNode != null) {
      policy = policy(policyNode).orElse(policy);
    }
    Business business = Business.EXAMPLE;
    Node businessNode = keys.get("business");
    if (businessNode != null) {
      business = business(businessNode).orElse(business);
    }
    ServiceRecovery recovery = ServiceRecovery.DEFAULT;
    Node recoveryNode = keys.get("service_recovery");
    if (recoveryNode != null) {
      recovery = serviceRecovery(recoveryNode).orElse(recovery);
    }
    List<Playbook> playbooks = new ArrayList<>();
    Node list = keys.get("playbooks");
    if (list != null) {
      Optional<Sequence> items = sequence(list, "'playbooks'");
      Map<String, Integer> ids = new HashMap<>();
      for (Node item : items.map(Sequence::items).orElse(List.of())) {
        playbook(item, settings, ids).ifPresent(playbooks::add);
      }
    }
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Playbooks(settings, policy, business, playbooks, source, recovery));
  }

  private Optional<ServiceRecovery> serviceRecovery(Node node) {
    Optional<Mapping> map = mapping(node, "'service_recovery'");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    int before = problemCount();
    Map<String, Node> keys = keys(map.get(), "'service_recovery'", SERVICE_RECOVERY, List.of());
    java.time.Duration within = ServiceRecovery.DEFAULT.firstContactWithin();
    Node withinNode = keys.get("first_contact_within");
    if (withinNode != null) {
      Matcher m =
          withinNode instanceof Scalar s
              ? SPAN.matcher(s.text().strip().toLowerCase(Locale.ROOT))
              : null;
      if (m == null || !m.matches()) {
        problems.add(
            withinNode,
            "first_contact_within must be hours or days such as 24h or 2d, not "
                + YamlTree.describe(withinNode));
      } else {
        long n = Long.parseLong(m.group(1));
        within =
            m.group(2).equals("h") ? java.time.Duration.ofHours(n) : java.time.Duration.ofDays(n);
        if (within.compareTo(java.time.Duration.ofHours(1)) < 0
            || within.compareTo(ServiceRecovery.MAX) > 0) {
          problems.add(
              withinNode,
              "first_contact_within must be from 1h to "
                  + ServiceRecovery.MAX.toDays()
                  + "d, not "
                  + m.group(0));
        }
      }
    }
    Optional<String> manager = optionalText(keys.get("manager"), "manager");
    Node managerNode = keys.get("manager");
    if (managerNode != null && manager.isPresent() && manager.get().matches("(?s).*[\\r\\n].*")) {
      problems.add(managerNode, "manager must be one line: a name such as \"Dana Hill\"");
    }
    if (problemCount() != before) {
      return Optional.empty();
    }
    return Optional.of(new ServiceRecovery(within, manager));
  }

  private Optional<Playbooks.Settings> settings(Node node) {
    Optional<Mapping> map = mapping(node, "'settings'");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Node> keys = keys(map.get(), "'settings'", SETTINGS, List.of());
    double holdout = Playbooks.Settings.DEFAULT.holdout();
    Set<StopWhen> stop = Playbooks.Settings.DEFAULT.stopWhen();
    boolean ok = true;
    Node holdoutNode = keys.get("holdout");
    if (holdoutNode != null) {
      OptionalDouble value = decimal(holdoutNode, "holdout", 0, Playbook.MAX_HOLDOUT);
      ok &= value.isPresent();
      holdout = value.orElse(holdout);
    }
    Node stopNode = keys.get("stop_when");
    if (stopNode != null) {
      Optional<Set<StopWhen>> value = stopWhen(stopNode);
      ok &= value.isPresent();
      stop = value.orElse(stop);
    }
    return ok ? Optional.of(new Playbooks.Settings(holdout, stop)) : Optional.empty();
  }

  // ---- contact policy and business

  private Optional<ContactPolicy> policy(Node node) {
    Optional<Mapping> map = mapping(node, "'contact_policy'");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    int before = problemCount();
    ContactPolicy d = ContactPolicy.DEFAULT;
    Map<String, Node> keys = keys(map.get(), "'contact_policy'", POLICY, List.of());
    List<ContactPolicy.Cap> caps = d.caps();
    Node capsNode = keys.get("caps");
    if (capsNode != null) {
      caps = new ArrayList<>();
      Optional<Sequence> seq = sequence(capsNode, "'caps'");
      for (Node item : seq.map(Sequence::items).orElse(List.of())) {
        cap(item).ifPresent(caps::add);
      }
    }
    Optional<ContactPolicy.QuietHours> quiet = d.quietHours();
    Node quietNode = keys.get("quiet_hours");
    if (quietNode != null) {
      quiet =
          quietNode instanceof Scalar s && s.kind() == ScalarKind.BOOL && s.text().equals("false")
              ? Optional.empty()
              : quietHours(quietNode);
    }
    OptionalInt calls = d.callsPerRepPerDay();
    Node callsNode = keys.get("calls_per_rep_per_day");
    if (callsNode != null) {
      calls = integer(callsNode, "calls_per_rep_per_day", 0, 10_000);
    }
    Optional<ContactPolicy.OfferBudget> budget = d.offerBudget();
    Node budgetNode = keys.get("offer_budget");
    if (budgetNode != null) {
      budget = offerBudget(budgetNode);
    }
    java.time.ZoneId zone = d.defaultZone();
    Node zoneNode = keys.get("time_zone");
    if (zoneNode != null) {
      Optional<String> id = text(zoneNode, "time_zone");
      if (id.isPresent()) {
        try {
          zone = java.time.ZoneId.of(id.get());
        } catch (java.time.DateTimeException e) {
          problems.add(
              zoneNode,
              "unknown time_zone '"
                  + YamlTree.abbreviate(id.get())
                  + "': write a zone such as Europe/London or America/Chicago");
        }
      }
    }
    if (problemCount() != before) {
      return Optional.empty();
    }
    return Optional.of(new ContactPolicy(caps, quiet, calls, budget, zone));
  }

  private Optional<ContactPolicy.Cap> cap(Node node) {
    Optional<Mapping> map = mapping(node, "a cap");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    int before = problemCount();
    Map<String, Node> keys =
        keys(
            map.get(),
            "a cap",
            List.of("at_most", "per_days", "channels"),
            List.of("at_most", "per_days"));
    OptionalInt atMost =
        keys.containsKey("at_most")
            ? integer(keys.get("at_most"), "at_most", 0, 1000)
            : OptionalInt.empty();
    OptionalInt perDays =
        keys.containsKey("per_days")
            ? integer(keys.get("per_days"), "per_days", 1, MAX_DAYS)
            : OptionalInt.empty();
    Set<Channel> channels = Set.of();
    Node channelsNode = keys.get("channels");
    if (channelsNode != null) {
      Channel[] touchable = {Channel.EMAIL, Channel.LETTER, Channel.PHONE};
      channels =
          listOf(channelsNode, "channels", n -> choice(n, "channel", touchable, Channel::label))
              .map(Set::copyOf)
              .orElse(Set.of());
    }
    if (problemCount() != before || atMost.isEmpty() || perDays.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ContactPolicy.Cap(channels, atMost.getAsInt(), perDays.getAsInt()));
  }

  private Optional<ContactPolicy.QuietHours> quietHours(Node node) {
    Optional<Mapping> map = mapping(node, "'quiet_hours'");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    int before = problemCount();
    Map<String, Node> keys =
        keys(map.get(), "'quiet_hours'", List.of("from", "to", "days_off"), List.of("from", "to"));
    Optional<java.time.LocalTime> from = clock(keys.get("from"), "from");
    Optional<java.time.LocalTime> to = clock(keys.get("to"), "to");
    Set<java.time.DayOfWeek> days = Set.of();
    Node daysNode = keys.get("days_off");
    if (daysNode != null) {
      List<String> names = new ArrayList<>();
      for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
        names.add(day.name().toLowerCase(Locale.ROOT));
      }
      Optional<List<java.time.DayOfWeek>> list =
          listOf(
              daysNode,
              "days_off",
              n ->
                  oneOf(n, "day", names)
                      .map(name -> java.time.DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT))));
      days = list.map(Set::copyOf).orElse(Set.of());
      if (days.size() == 7) {
        problems.add(
            daysNode, "days_off cannot be every day of the week: nothing would ever go out");
      }
    }
    if (problemCount() != before || from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ContactPolicy.QuietHours(from.get(), to.get(), days));
  }

  private Optional<java.time.LocalTime> clock(@Nullable Node node, String what) {
    if (node == null) {
      return Optional.empty();
    }
    if (node instanceof Scalar s) {
      Matcher m = CLOCK.matcher(s.text().strip());
      if (m.matches()) {
        return Optional.of(
            java.time.LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
      }
    }
    problems.add(
        node,
        what + " must be a time of day as \"HH:MM\" (24-hour), not " + YamlTree.describe(node));
    return Optional.empty();
  }

  private Optional<ContactPolicy.OfferBudget> offerBudget(Node node) {
    Optional<Mapping> map = mapping(node, "'offer_budget'");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    int before = problemCount();
    Map<String, Node> keys =
        keys(
            map.get(),
            "'offer_budget'",
            List.of("amount", "per_days"),
            List.of("amount", "per_days"));
    Optional<BigDecimal> amount =
        keys.containsKey("amount")
            ? money(keys.get("amount"), "the offer budget's amount")
            : Optional.empty();
    OptionalInt perDays =
        keys.containsKey("per_days")
            ? integer(keys.get("per_days"), "per_days", 1, MAX_DAYS)
            : OptionalInt.empty();
    if (problemCount() != before || amount.isEmpty() || perDays.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ContactPolicy.OfferBudget(amount.get(), perDays.getAsInt()));
  }

  private Optional<Business> business(Node node) {
    Optional<Mapping> map = mapping(node, "'business'");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    int before = problemCount();
    Map<String, Node> keys = keys(map.get(), "'business'", BUSINESS, List.of("name", "from_email"));
    Optional<String> name = optionalText(keys.get("name"), "name");
    Optional<String> phone = optionalText(keys.get("phone"), "phone");
    Optional<String> from = email(keys.get("from_email"), "from_email");
    Optional<String> replyTo = email(keys.get("reply_to"), "reply_to");
    List<String> address = List.of();
    Node addressNode = keys.get("address");
    if (addressNode != null) {
      address = listOf(addressNode, "address", n -> text(n, "an address line")).orElse(List.of());
    }
    Optional<String> website = optionalText(keys.get("website"), "website");
    java.net.URI url = Business.EXAMPLE.publicUrl();
    Node urlNode = keys.get("public_url");
    if (urlNode != null) {
      Optional<String> text = text(urlNode, "public_url");
      if (text.isPresent()) {
        try {
          url = new java.net.URI(text.get());
          if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
              || url.getHost() == null
              || url.getQuery() != null
              || url.getFragment() != null) {
            problems.add(
                urlNode,
                "public_url must be an http(s) address with no query, e.g."
                    + " https://rekindle.example.com");
          }
        } catch (java.net.URISyntaxException e) {
          problems.add(urlNode, "public_url is not an address: " + e.getReason());
        }
      }
    }
    Node nameNode = keys.get("name");
    if (nameNode != null && name.isPresent() && name.get().matches("(?s).*[\\r\\n].*")) {
      problems.add(nameNode, "name must be one line: it goes into the From header");
    }
    if (problemCount() != before || name.isEmpty() || from.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Business(name.get(), phone, from.get(), replyTo, address, website, url));
  }

  private Optional<String> email(@Nullable Node node, String what) {
    Optional<String> text = optionalText(node, what);
    if (text.isPresent() && node != null && !PLAIN_EMAIL.matcher(text.get()).matches()) {
      problems.add(node, what + " must be one plain email address, like shop@example.com");
      return Optional.empty();
    }
    return text;
  }

  private Optional<Playbook> playbook(
      Node node, Playbooks.Settings settings, Map<String, Integer> ids) {
    Optional<Mapping> map = mapping(node, "a playbook");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Node> keys =
        keys(map.get(), "a playbook", PLAYBOOK, List.of("id", "trigger", "steps"));
    int before = problemCount();

    Optional<String> id = Optional.empty();
    Node idNode = keys.get("id");
    if (idNode != null) {
      id = text(idNode, "id");
      if (id.isPresent() && !Playbook.ID.matcher(id.get()).matches()) {
        problems.add(
            idNode,
            "bad id '"
                + YamlTree.abbreviate(id.get())
                + "': use lower-case letters, digits and '-' (at most 64), e.g. 'dormant-win-back'");
        id = Optional.empty();
      }
      if (id.isPresent()) {
        Integer first = ids.putIfAbsent(id.get(), idNode.line());
        if (first != null) {
          problems.add(
              idNode, "playbook id '" + id.get() + "' is used twice (first on line " + first + ")");
        }
      }
    }
    Optional<String> name = Optional.empty();
    Node nameNode = keys.get("name");
    if (nameNode != null) {
      name = text(nameNode, "name");
    }
    boolean enabled = true;
    Node enabledNode = keys.get("enabled");
    if (enabledNode != null) {
      enabled = bool(enabledNode, "enabled").orElse(true);
    }
    Optional<Trigger> trigger =
        keys.containsKey("trigger") ? trigger(keys.get("trigger")) : Optional.empty();
    Condition condition = Condition.ALWAYS;
    Node whenNode = keys.get("when");
    if (whenNode != null) {
      condition = condition(whenNode, "'when'").orElse(Condition.ALWAYS);
    }
    Optional<List<Step>> steps =
        keys.containsKey("steps") ? steps(keys.get("steps")) : Optional.empty();
    Set<StopWhen> stop = settings.stopWhen();
    Node stopNode = keys.get("stop_when");
    if (stopNode != null) {
      stop = stopWhen(stopNode).orElse(stop);
    }
    double holdout = settings.holdout();
    Node holdoutNode = keys.get("holdout");
    if (holdoutNode != null) {
      holdout = decimal(holdoutNode, "holdout", 0, Playbook.MAX_HOLDOUT).orElse(holdout);
    }
    int priority = 0;
    Node priorityNode = keys.get("priority");
    if (priorityNode != null) {
      priority = integer(priorityNode, "priority", -1000, 1000).orElse(0);
    }
    if (problemCount() != before || id.isEmpty() || trigger.isEmpty() || steps.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Playbook(
            id.get(),
            name.orElse(id.get()),
            enabled,
            trigger.get(),
            condition,
            steps.get(),
            stop,
            holdout,
            priority));
  }

  private Optional<Set<StopWhen>> stopWhen(Node node) {
    Optional<List<StopWhen>> values =
        listOf(node, "stop_when", n -> choice(n, "stop_when", StopWhen.values(), StopWhen::label));
    return values.map(v -> v.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(v)));
  }

  // ---- triggers

  private Optional<Trigger> trigger(Node node) {
    Optional<Mapping> map = mapping(node, "'trigger'");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    Optional<Node> typeNode =
        map.get().entries().stream()
            .filter(e -> e.key().text().equals("type"))
            .map(Entry::value)
            .findFirst();
    if (typeNode.isEmpty()) {
      problems.add(map.get(), "a trigger needs 'type': one of " + String.join(", ", TRIGGER_TYPES));
      return Optional.empty();
    }
    Optional<String> type = oneOf(typeNode.get(), "trigger type", TRIGGER_TYPES);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    String where = withArticle(type.get()) + " trigger";
    int before = problemCount();
    switch (type.get()) {
      case "entered_state" -> {
        Map<String, Node> keys = keys(map.get(), where, List.of("type", "state"), List.of("state"));
        Optional<CustomerState> state =
            keys.containsKey("state") ? state(keys.get("state")) : Optional.empty();
        return state.map(Trigger.EnteredState::new);
      }
      case "account_notice_due" -> {
        keys(map.get(), where, List.of("type"), List.of());
        return problemCount() == before
            ? Optional.of(new Trigger.AccountNoticeDue())
            : Optional.empty();
      }
      case "no_contact_for" -> {
        Map<String, Node> keys =
            keys(map.get(), where, List.of("type", "days", "segment", "tag"), List.of("days"));
        OptionalInt days =
            keys.containsKey("days")
                ? integer(keys.get("days"), "days", 1, MAX_DAYS)
                : OptionalInt.empty();
        Optional<String> segment = optionalText(keys.get("segment"), "segment");
        Optional<String> tag = optionalText(keys.get("tag"), "tag");
        if (problemCount() != before || days.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(new Trigger.NoContactFor(days.getAsInt(), segment, tag));
      }
      case "birthday", "customer_since_anniversary" -> {
        Map<String, Node> keys = keys(map.get(), where, List.of("type", "days_before"), List.of());
        OptionalInt days =
            keys.containsKey("days_before")
                ? integer(keys.get("days_before"), "days_before", 0, 365)
                : OptionalInt.of(0);
        if (days.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(
            type.get().equals("birthday")
                ? new Trigger.Birthday(days.getAsInt())
                : new Trigger.CustomerSinceAnniversary(days.getAsInt()));
      }
      default -> {
        Map<String, Node> keys = keys(map.get(), where, List.of("type", "days"), List.of("days"));
        OptionalInt days =
            keys.containsKey("days")
                ? integer(keys.get("days"), "days", 0, MAX_DAYS)
                : OptionalInt.empty();
        return days.isPresent()
            ? Optional.of(new Trigger.LostFor(days.getAsInt()))
            : Optional.empty();
      }
    }
  }

  private Optional<CustomerState> state(Node node) {
    return choice(node, "state", CustomerState.values(), CustomerState::label);
  }

  // ---- steps

  private Optional<List<Step>> steps(Node node) {
    Optional<Sequence> list = sequence(node, "'steps'");
    if (list.isEmpty()) {
      return Optional.empty();
    }
    if (list.get().items().isEmpty()) {
      problems.add(node, "'steps' is empty: a playbook needs at least one step");
      return Optional.empty();
    }
    int before = problemCount();
    List<Step> steps = new ArrayList<>();
    List<Node> at = new ArrayList<>();
    for (Node item : list.get().items()) {
      step(item)
          .ifPresent(
              s -> {
                steps.add(s);
                at.add(item);
              });
    }
    if (problemCount() != before) {
      return Optional.empty();
    }
    Step last = steps.get(steps.size() - 1);
    if (last instanceof Step.Wait) {
      problems.add(at.get(at.size() - 1), "a playbook cannot end with a wait: nothing follows it");
    }
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) instanceof Step.Offer && !toldAfter(steps, i)) {
        problems.add(
            at.get(i),
            "an offer needs an email, letter, call or survey after it to tell the customer");
      }
    }
    return problemCount() == before ? Optional.of(steps) : Optional.empty();
  }

  private static boolean toldAfter(List<Step> steps, int offer) {
    for (Step step : steps.subList(offer + 1, steps.size())) {
      if (step instanceof Step.Email
          || step instanceof Step.Letter
          || step instanceof Step.CallTask
          || step instanceof Step.SurveyLink) {
        return true;
      }
    }
    return false;
  }

  private Optional<Step> step(Node node) {
    if (!(node instanceof Mapping map) || map.entries().size() != 1) {
      problems.add(
          node,
          "a step is one of "
              + String.join(", ", STEP_KINDS)
              + ", written as '- email: {template: ..., subject: ...}' or '- wait: 7', not "
              + YamlTree.describe(node));
      return Optional.empty();
    }
    Entry entry = map.entries().get(0);
    Optional<String> kind = oneOf(entry.key(), "step", STEP_KINDS);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    Node value = entry.value();
    if (kind.get().equals("wait")) {
      OptionalInt days = integer(value, "wait (days)", 1, MAX_DAYS);
      return days.isPresent() ? Optional.of(new Step.Wait(days.getAsInt())) : Optional.empty();
    }
    String where = withArticle(kind.get()) + " step";
    Mapping fields;
    if (value instanceof Mapping m) {
      fields = m;
    } else if (kind.get().equals("call")
        && value instanceof Scalar s
        && s.kind() == ScalarKind.NULL) {
      fields = new Mapping(List.of(), value.line(), value.column());
    } else {
      problems.add(
          value, where + " needs its settings as a mapping, not " + YamlTree.describe(value));
      return Optional.empty();
    }
    int before = problemCount();
    switch (kind.get()) {
      case "email" -> {
        Map<String, Node> keys =
            keys(fields, where, List.of("template", "subject"), List.of("template", "subject"));
        Optional<String> template = template(keys.get("template"));
        Optional<String> subject = optionalText(keys.get("subject"), "subject");
        if (problemCount() != before || template.isEmpty() || subject.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(new Step.Email(template.get(), subject.get()));
      }
      case "letter" -> {
        Map<String, Node> keys = keys(fields, where, List.of("template"), List.of("template"));
        return template(keys.get("template")).map(Step.Letter::new);
      }
      case "call" -> {
        Map<String, Node> keys =
            keys(fields, where, List.of("talking_points", "assign"), List.of());
        Optional<String> points = optionalText(keys.get("talking_points"), "talking_points");
        Step.Assignee assignee = Step.Assignee.OWNER_REP;
        Node assignNode = keys.get("assign");
        if (assignNode != null) {
          assignee =
              choice(assignNode, "assign", Step.Assignee.values(), Step.Assignee::label)
                  .orElse(assignee);
        }
        return problemCount() == before
            ? Optional.of(new Step.CallTask(points, assignee))
            : Optional.empty();
      }
      case "offer" -> {
        return offer(fields, where);
      }
      default -> {
        Map<String, Node> keys =
            keys(fields, where, List.of("template", "channel"), List.of("template"));
        Optional<String> template = template(keys.get("template"));
        Channel channel = Channel.EMAIL;
        Node channelNode = keys.get("channel");
        if (channelNode != null) {
          Channel[] allowed = {Channel.EMAIL, Channel.LETTER};
          channel = choice(channelNode, "channel", allowed, Channel::label).orElse(channel);
        }
        if (problemCount() != before || template.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(new Step.SurveyLink(template.get(), channel));
      }
    }
  }

  private Optional<Step> offer(Mapping fields, String where) {
    int before = problemCount();
    Map<String, Node> keys =
        keys(
            fields,
            where,
            List.of("kind", "value", "currency", "expires_in_days"),
            List.of("kind", "value", "expires_in_days"));
    Node kindNode = keys.get("kind");
    Optional<Step.OfferKind> kind =
        kindNode == null
            ? Optional.empty()
            : choice(kindNode, "offer kind", Step.OfferKind.values(), Step.OfferKind::label);
    Node valueNode = keys.get("value");
    Optional<BigDecimal> value = Optional.empty();
    if (valueNode != null) {
      value = money(valueNode, "an offer's value");
      if (value.isPresent()
          && kind.orElse(null) == Step.OfferKind.PERCENT
          && value.get().compareTo(BigDecimal.valueOf(100)) > 0) {
        problems.add(valueNode, "a percentage offer cannot exceed 100, not " + value.get());
        value = Optional.empty();
      }
    }
    Optional<Currency> currency = Optional.empty();
    Node currencyNode = keys.get("currency");
    if (currencyNode != null) {
      currency = currency(currencyNode);
      if (kind.orElse(null) == Step.OfferKind.PERCENT) {
        problems.add(currencyNode, "a percentage offer has no currency");
      }
    }
    Node expiresNode = keys.get("expires_in_days");
    OptionalInt expires =
        expiresNode == null
            ? OptionalInt.empty()
            : integer(expiresNode, "expires_in_days", 1, MAX_DAYS);
    if (problemCount() != before || kind.isEmpty() || value.isEmpty() || expires.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Step.Offer(kind.get(), value.get(), currency, expires.getAsInt()));
  }

  private Optional<String> template(@Nullable Node node) {
    if (node == null) {
      return Optional.empty();
    }
    Optional<String> name = text(node, "template");
    if (name.isPresent() && !TEMPLATE.matcher(name.get()).matches()) {
      problems.add(
          node,
          "bad template name '"
              + YamlTree.abbreviate(name.get())
              + "': use lower-case letters, digits, '-' and '_' (it names a file)");
      return Optional.empty();
    }
    return name;
  }

  /**
   * @param what what the amount is, for the problems: "an offer's value"
   */
  private Optional<BigDecimal> money(Node node, String what) {
    if (node instanceof Scalar s
        && (s.kind() == ScalarKind.INT || s.kind() == ScalarKind.FLOAT)
        && DECIMAL.matcher(s.text()).matches()) {
      BigDecimal value = new BigDecimal(s.text());
      if (value.signum() <= 0) {
        problems.add(node, what + " must be more than 0, not " + s.text());
        return Optional.empty();
      }
      if (value.precision() - value.scale() > 12 || value.scale() > 4) {
        problems.add(node, what + " must be at most 12 digits with 4 decimals");
        return Optional.empty();
      }
      return Optional.of(value);
    }
    problems.add(node, what + " must be a number, not " + YamlTree.describe(node));
    return Optional.empty();
  }

  private Optional<Currency> currency(Node node) {
    Optional<String> code = text(node, "currency");
    if (code.isEmpty()) {
      return Optional.empty();
    }
    if (code.get().matches("[A-Z]{3}")) {
      try {
        return Optional.of(Currency.getInstance(code.get()));
      } catch (IllegalArgumentException e) {
        // not a currency Java knows: reported below
      }
    }
    problems.add(
        node,
        "bad currency '"
            + YamlTree.abbreviate(code.get())
            + "': write its ISO 4217 code, e.g. USD");
    return Optional.empty();
  }

  // ---- conditions

  private Optional<Condition> condition(Node node, String where) {
    Optional<Mapping> map = mapping(node, where);
    if (map.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Node> keys = keys(map.get(), where, CONDITION_KEYS, List.of());
    int before = problemCount();
    List<Condition> all = new ArrayList<>();
    for (Map.Entry<String, Node> entry : keys.entrySet()) {
      test(entry.getKey(), entry.getValue()).ifPresent(all::add);
    }
    return problemCount() == before ? Optional.of(new Condition.All(all)) : Optional.empty();
  }

  private Optional<Condition> test(String key, Node value) {
    for (NumberField field : NumberField.values()) {
      if (field.key().equals(key)) {
        return listOf(value, key, n -> comparison(field, n))
            .map(list -> list.size() == 1 ? list.get(0) : new Condition.All(List.copyOf(list)));
      }
    }
    switch (key) {
      case "segment" -> {
        return texts(value, key).map(Condition.SegmentIn::new);
      }
      case "owner_rep" -> {
        return texts(value, key).map(Condition.OwnerRepIn::new);
      }
      case "tags_include" -> {
        return texts(value, key).map(Condition.TagsInclude::new);
      }
      case "tags_exclude" -> {
        return texts(value, key).map(Condition.TagsExclude::new);
      }
      case "account_kind" -> {
        return listOf(value, key, n -> choice(n, key, AccountKind.values(), AccountKind::label))
            .map(l -> new Condition.AccountKindIn(Set.copyOf(l)));
      }
      case "state" -> {
        return listOf(value, key, this::state).map(l -> new Condition.StateIn(Set.copyOf(l)));
      }
      case "any" -> {
        Optional<Sequence> list = sequence(value, "'any'");
        if (list.isEmpty()) {
          return Optional.empty();
        }
        if (list.get().items().isEmpty()) {
          problems.add(value, "'any' is empty: list the conditions of which one must hold");
          return Optional.empty();
        }
        int before = problemCount();
        List<Condition> options = new ArrayList<>();
        for (Node item : list.get().items()) {
          condition(item, "an 'any' entry").ifPresent(options::add);
        }
        return problemCount() == before
            ? Optional.of(new Condition.Any(options))
            : Optional.empty();
      }
      case "not" -> {
        return condition(value, "'not'").map(Condition.Not::new);
      }
      default -> {
        Channel channel =
            Channel.valueOf(key.substring("consent_".length()).toUpperCase(Locale.ROOT));
        return bool(value, key).map(given -> new Condition.Consent(channel, given));
      }
    }
  }

  private Optional<Condition> comparison(NumberField field, Node node) {
    String hint =
        "write an operator (<, <=, >, >=, =, !=) and a number in quotes, e.g. "
            + field.key()
            + ": \""
            + (field == NumberField.P_ALIVE ? "< 0.5" : ">= 500")
            + "\"";
    if (!(node instanceof Scalar s) || s.kind() == ScalarKind.NULL) {
      problems.add(node, "bad comparison for " + field.key() + ": " + hint);
      return Optional.empty();
    }
    Matcher m = COMPARISON.matcher(s.text());
    if (!m.matches()) {
      problems.add(
          node,
          "bad comparison '"
              + YamlTree.abbreviate(s.text())
              + "' for "
              + field.key()
              + ": "
              + hint);
      return Optional.empty();
    }
    Operator operator = null;
    for (Operator candidate : Operator.values()) {
      if (candidate.symbol().equals(m.group(1))) {
        operator = candidate;
      }
    }
    double number = Double.parseDouble(m.group(2));
    if (operator == null || !Double.isFinite(number)) {
      problems.add(node, "bad comparison '" + YamlTree.abbreviate(s.text()) + "': " + hint);
      return Optional.empty();
    }
    if (field == NumberField.P_ALIVE && (number < 0 || number > 1)) {
      problems.add(node, "p_alive is a probability between 0 and 1, not " + m.group(2));
      return Optional.empty();
    }
    return Optional.of(new Condition.Compare(field, operator, number));
  }

  private Optional<Set<String>> texts(Node node, String what) {
    return listOf(node, what, n -> text(n, what)).map(LinkedHashSet::new).map(Set::copyOf);
  }

  // ---- generic checks

  /** A single value or a non-empty list of them, each read by {@code one}. */
  private <T> Optional<List<T>> listOf(Node node, String what, Function<Node, Optional<T>> one) {
    if (node instanceof Sequence seq) {
      if (seq.items().isEmpty() && !what.equals("stop_when")) {
        problems.add(node, "'" + what + "' is an empty list");
        return Optional.empty();
      }
      int before = problemCount();
      List<T> values = new ArrayList<>();
      for (Node item : seq.items()) {
        one.apply(item).ifPresent(values::add);
      }
      return problemCount() == before ? Optional.of(values) : Optional.empty();
    }
    return one.apply(node).map(List::of);
  }

  /**
   * The mapping's values by key, after reporting unknown keys (with the likeliest meant) and
   * missing required ones.
   */
  private Map<String, Node> keys(
      Mapping map, String where, List<String> allowed, List<String> required) {
    Map<String, Node> found = new LinkedHashMap<>();
    for (Entry entry : map.entries()) {
      String key = entry.key().text();
      if (allowed.contains(key)) {
        found.put(key, entry.value());
      } else {
        String guess = closest(key, allowed);
        problems.add(
            entry.key(),
            "unknown key '"
                + YamlTree.abbreviate(key)
                + "' in "
                + where
                + (guess.isEmpty()
                    ? " (expected " + String.join(", ", allowed) + ")"
                    : " (did you mean '" + guess + "'?)"));
      }
    }
    for (String key : required) {
      if (!found.containsKey(key)) {
        problems.add(map, where + " needs '" + key + "'");
      }
    }
    return found;
  }

  private Optional<Mapping> mapping(Node node, String what) {
    if (node instanceof Mapping m) {
      return Optional.of(m);
    }
    problems.add(
        node, what + " must be a mapping of 'key: value' lines, not " + YamlTree.describe(node));
    return Optional.empty();
  }

  private Optional<Sequence> sequence(Node node, String what) {
    if (node instanceof Sequence s) {
      return Optional.of(s);
    }
    problems.add(node, what + " must be a list of '- ' items, not " + YamlTree.describe(node));
    return Optional.empty();
  }

  private Optional<String> optionalText(@Nullable Node node, String what) {
    return node == null ? Optional.empty() : text(node, what);
  }

  private Optional<String> text(Node node, String what) {
    if (node instanceof Scalar s && s.kind() != ScalarKind.NULL && !s.text().isBlank()) {
      return Optional.of(s.text().strip());
    }
    problems.add(node, what + " must be a text, not " + YamlTree.describe(node));
    return Optional.empty();
  }

  private Optional<Boolean> bool(Node node, String what) {
    if (node instanceof Scalar s && s.kind() == ScalarKind.BOOL) {
      String text = s.text().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Optional.of(text.equals("true"));
      }
    }
    problems.add(node, what + " must be true or false, not " + YamlTree.describe(node));
    return Optional.empty();
  }

  private OptionalInt integer(Node node, String what, int min, int max) {
    if (!(node instanceof Scalar s)
        || s.kind() != ScalarKind.INT
        || !WHOLE.matcher(s.text()).matches()) {
      problems.add(node, what + " must be a whole number, not " + YamlTree.describe(node));
      return OptionalInt.empty();
    }
    BigDecimal value = new BigDecimal(s.text());
    if (value.compareTo(BigDecimal.valueOf(min)) < 0) {
      problems.add(node, what + " must be at least " + min + ", not " + s.text());
      return OptionalInt.empty();
    }
    if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
      problems.add(node, what + " must be at most " + max + ", not " + s.text());
      return OptionalInt.empty();
    }
    return OptionalInt.of(value.intValueExact());
  }

  private OptionalDouble decimal(Node node, String what, double min, double max) {
    if (!(node instanceof Scalar s)
        || (s.kind() != ScalarKind.INT && s.kind() != ScalarKind.FLOAT)
        || !DECIMAL.matcher(s.text()).matches()) {
      problems.add(node, what + " must be a number, not " + YamlTree.describe(node));
      return OptionalDouble.empty();
    }
    double value = Double.parseDouble(s.text());
    if (!(value >= min && value <= max)) {
      problems.add(node, what + " must be between " + min + " and " + max + ", not " + s.text());
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(value);
  }

  private Optional<String> oneOf(Node node, String what, List<String> options) {
    if (node instanceof Scalar s && options.contains(s.text())) {
      return Optional.of(s.text());
    }
    String got = node instanceof Scalar s ? s.text() : "";
    String guess = closest(got, options);
    problems.add(
        node,
        "bad "
            + what
            + " "
            + YamlTree.describe(node)
            + (guess.isEmpty() ? "" : " (did you mean '" + guess + "'?)")
            + ": expected one of "
            + String.join(", ", options));
    return Optional.empty();
  }

  private <E extends Enum<E>> Optional<E> choice(
      Node node, String what, E[] values, Function<E, String> label) {
    List<String> labels = new ArrayList<>();
    for (E value : values) {
      labels.add(label.apply(value));
    }
    Optional<String> chosen = oneOf(node, what, labels);
    return chosen.map(c -> values[labels.indexOf(c)]);
  }

  private int problemCount() {
    return problems.count();
  }

  private static String withArticle(String word) {
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }

  /** The option nearest to what was written, if it is close enough to be a typo; else "". */
  static String closest(String written, List<String> options) {
    String best = "";
    int bestDistance = Integer.MAX_VALUE;
    for (String option : options) {
      int distance = distance(written.toLowerCase(Locale.ROOT), option);
      if (distance < bestDistance) {
        best = option;
        bestDistance = distance;
      }
    }
    return bestDistance <= Math.min(3, Math.max(1, best.length() / 2)) ? best : "";
  }

  /** Optimal string alignment distance: edits, counting a swap of neighbours as one. */
  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 3 || a.length() > 64) {
      return Integer.MAX_VALUE;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
