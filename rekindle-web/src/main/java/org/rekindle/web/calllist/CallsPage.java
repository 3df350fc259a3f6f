package org.rekindle.web.calllist;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.offer.Offer;
import org.rekindle.core.playbook.Playbook;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.access.User;
import org.rekindle.store.access.Users;
import org.rekindle.store.outreach.CallLogged;
import org.rekindle.store.outreach.CallTalkingPoints;
import org.rekindle.store.outreach.CallTask;
import org.rekindle.store.outreach.CallTasks;
import org.rekindle.store.outreach.CallTasks.Outcome;
import org.rekindle.store.query.Contacts;
import org.rekindle.web.Navigation;
import org.rekindle.web.OutreachSetup;
import org.rekindle.web.Pages;
import org.rekindle.web.auth.Access;
import org.rekindle.web.auth.Guard;

/**
 * {@code /calls}: today's calls, most at stake first, with what to talk about, and one button per
 * outcome. A rep sees their own calls and the pool's; a manager or admin everyone's, or one rep's.
 * An outcome is logged by the store's {@link CallTasks#log} (the same rules as {@code rekindle
 * calls log}) and recorded in the audit log as {@code call.outcome}, in one transaction. A rep
 * logging another rep's call is answered 404, as for a task that does not exist: the page tells no
 * one whether it does.
 */
public final class CallsPage {
  static final String PATH = "/calls";

  /** How many calls a page shows unless asked for more. */
  static final int PAGE = 50;

  /** The most calls a page shows. */
  static final int MAX = 500;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  private final Store store;
  private final CallTasks calls;
  private final OutreachSetup outreach;
  private final Users users;
  private final Pages pages;
  private final Clock clock;

  public CallsPage(Store store, OutreachSetup outreach, Users users, Pages pages, Clock clock) {
    this.store = store;
    this.calls = new CallTasks(store.jdbi());
    this.outreach = outreach;
    this.users = users;
    this.pages = pages;
    this.clock = clock;
  }

  /** Adds the routes and the menu entry. */
  public void routes(RoutesConfig routes, Navigation menu) {
    routes.get(PATH, this::show, Access.REP);
    routes.post(PATH + "/{task}/outcome", this::log, Access.REP);
    menu.add("Calls", PATH, Access.REP);
  }

  /** One call as the page shows it. */
  public record Call(
      long id,
      String customerId,
      String name,
      String phone,
      String tel,
      Optional<String> phoneNow,
      String why,
      String whose,
      String due,
      String valueAtRisk,
      Optional<String> say,
      String lastOrder,
      String rhythm,
      Optional<String> worth,
      Optional<String> offer,
      List<String> otherOffers,
      List<String> history) {}

  /** An outcome's button. */
  public record Button(String value, String label, boolean drastic) {}

  /** A call logged, as its row shows it afterwards. */
  public record Logged(
      long taskId, String customerId, String outcome, String by, String at, List<String> effects) {}

  static final List<Button> BUTTONS = buttons();

  private static List<Button> buttons() {
    List<Button> b = new ArrayList<>();
    for (Outcome o : Outcome.values()) {
      String words = o.label().replace('-', ' ');
      b.add(
          new Button(
              o.label(),
              Character.toUpperCase(words.charAt(0)) + words.substring(1),
              o == Outcome.DO_NOT_CONTACT));
    }
    return List.copyOf(b);
  }

  private void show(Context ctx) {
    User user = Guard.user(ctx);
    LocalDate today = outreach.today(clock);
    int limit = limit(ctx.queryParam("limit"));
    Map<String, Object> params = new HashMap<>();
    boolean manager = user.role().seesAllCustomers();
    Optional<String> rep;
    String problem = "";
    if (manager) {
      rep = Optional.ofNullable(ctx.queryParam("rep")).map(String::strip).filter(r -> !r.isEmpty());
    } else {
      rep = Optional.ofNullable(user.rep()).map(String::strip).filter(r -> !r.isEmpty());
      if (rep.isEmpty()) {
        problem =
            "Your login has no rep name, so no calls are yours: an admin sets it on the Users page.";
      }
    }
    List<CallTask> tasks =
        !manager && rep.isEmpty() ? List.of() : calls.list(rep, today, limit + 1);
    boolean more = tasks.size() > limit;
    List<Call> shown = new ArrayList<>();
    for (CallTask t : more ? tasks.subList(0, limit) : tasks) {
      shown.add(call(t));
    }
    TreeSet<String> reps = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    if (manager) {
      for (User u : users.list()) {
        if (u.rep() != null && !u.rep().isBlank()) {
          reps.add(u.rep().strip());
        }
      }
      rep.ifPresent(reps::add);
    }
    params.put("calls", shown);
    params.put("today", today.toString());
    params.put("manager", manager);
    params.put("rep", rep.orElse(""));
    params.put("reps", List.copyOf(reps));
    params.put("more", more ? moreLink(rep, manager, Math.min(MAX, limit * 2)) : "");
    params.put("buttons", BUTTONS);
    params.put("problem", problem);
    params.put("done", done(ctx));
    pages.dashboard(ctx, 200, "calllist/calls.jte", params);
  }

  private static String moreLink(Optional<String> rep, boolean manager, int limit) {
    String r =
        manager && rep.isPresent()
            ? "&rep=" + URLEncoder.encode(rep.get(), StandardCharsets.UTF_8)
            : "";
    return PATH + "?limit=" + limit + r;
  }

  private static int limit(@Nullable String text) {
    if (text == null) {
      return PAGE;
    }
    try {
      return Math.max(1, Math.min(MAX, Integer.parseInt(text.strip())));
    } catch (NumberFormatException e) {
      return PAGE;
    }
  }

  /** After a plain form's post: what was logged, from the redirect's query. */
  private static String done(Context ctx) {
    String task = ctx.queryParam("logged");
    String outcome = ctx.queryParam("outcome");
    if (task == null || outcome == null || !task.matches("[0-9]{1,18}")) {
      return "";
    }
    try {
      return "Call task " + task + " logged: " + Outcome.parse(outcome).meaning() + ".";
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private Call call(CallTask t) {
    CallTalkingPoints p = t.talkingPoints();
    ZoneId zone = outreach.playbooks().policy().defaultZone();
    Optional<String> currency = p.lastOrder().map(CallTalkingPoints.LastOrder::currency);
    String playbook =
        outreach.playbooks().find(t.playbook()).map(Playbook::name).orElse(t.playbook());
    List<String> why = new ArrayList<>();
    why.add(playbook + ", step " + (t.step() + 1));
    p.lifecycle().ifPresent(l -> why.add(l.state() + " since " + l.since()));
    List<String> rhythm = new ArrayList<>();
    p.scores().flatMap(CallsPage::rhythm).ifPresent(rhythm::add);
    Optional<String> worth =
        p.scores()
            .flatMap(
                s -> {
                  List<String> w = new ArrayList<>();
                  s.clv().ifPresent(v -> w.add("CLV " + money(v, currency)));
                  s.valueAtRisk().ifPresent(v -> w.add("value at risk " + money(v, currency)));
                  return w.isEmpty()
                      ? Optional.empty()
                      : Optional.of(String.join(", ", w) + " (run of " + s.asOf() + ")");
                });
    Optional<String> offer = Optional.empty();
    List<String> others = new ArrayList<>();
    for (CallTalkingPoints.OpenOffer f : p.offers()) {
      String words =
          f.terms().describe()
              + ", code "
              + f.code().grouped()
              + ", valid until "
              + f.expiresAt().minusNanos(1).atZone(zone).toLocalDate();
      if (f.forThisCall() && offer.isEmpty()) {
        offer = Optional.of(words);
      } else {
        others.add(words);
      }
    }
    List<String> history = new ArrayList<>();
    for (Contacts.Contact k : p.history()) {
      history.add(
          k.on()
              + " · "
              + k.channel().label()
              + " · "
              + k.source()
              + k.note().map(n -> " · " + n).orElse(""));
    }
    return new Call(
        t.id(),
        t.customerId(),
        p.name().orElse("Customer " + t.customerId()),
        t.phone(),
        t.phone().replaceAll("[^0-9+]", ""),
        p.phoneOnRecord().filter(ph -> !ph.equals(t.phone())),
        String.join(" · ", why),
        t.assignedTo().orElse("the pool's: any rep"),
        t.dueOn().toString(),
        t.valueAtRisk().map(v -> money(v, currency)).orElse("not scored"),
        p.text(),
        p.lastOrder()
            .map(o -> o.date() + ", " + Offer.money(o.amount()) + " " + o.currency())
            .orElse("none yet"),
        rhythm.isEmpty() ? "not scored yet" : String.join("; ", rhythm),
        worth,
        offer,
        others,
        history);
  }

  /** Their rhythm; a one-time buyer has none yet, only what repeat buyers do. */
  private static Optional<String> rhythm(CallTalkingPoints.Scores s) {
    return s.rhythm()
        .map(
            every ->
                s.repeatPurchases() == 0
                    ? "one order so far; repeat customers order about " + every
                    : "orders about " + every);
  }

  private static String money(double v, Optional<String> currency) {
    return String.format(Locale.ROOT, "%,.0f", v) + currency.map(c -> " " + c).orElse("");
  }

  private void log(Context ctx) {
    User user = Guard.user(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("task"));
    } catch (NumberFormatException e) {
      refuse(ctx, 404, "No such call", "There is no such call on your list.");
      return;
    }
    Optional<CallTasks.Assignment> task = calls.assignment(id);
    if (task.isEmpty() || !mayLog(user, task.get())) {
      // another rep's call is answered as one that does not exist: nothing is told about it
      refuse(ctx, 404, "No such call", "There is no such call on your list.");
      return;
    }
    Outcome outcome;
    try {
      outcome = Outcome.parse(Objects.requireNonNullElse(ctx.formParam("outcome"), ""));
    } catch (IllegalArgumentException e) {
      refuse(ctx, 400, "Not logged", String.valueOf(e.getMessage()));
      return;
    }
    Optional<String> note =
        Optional.ofNullable(ctx.formParam("note")).map(String::strip).filter(n -> !n.isEmpty());
    CallLogged logged;
    try {
      Instant now = clock.instant();
      logged =
          store
              .jdbi()
              .inTransaction(
                  h -> {
                    // CallTasks works through the same Jdbi, whose handle scope gives it this
                    // transaction: the outcome and its audit entry stand or fall together
                    CallLogged l = calls.log(id, outcome, note, user.actor(), now);
                    AuditLog.record(
                        h, user.actor(), "call.outcome", "customer " + l.customerId(), detail(l));
                    return l;
                  });
    } catch (CallTasks.AlreadyLoggedException e) {
      if (htmx(ctx)) {
        render(ctx, already(e));
      } else {
        refuse(ctx, 409, "Logged already", String.valueOf(e.getMessage()));
      }
      return;
    } catch (CallTasks.UnknownTaskException e) {
      refuse(ctx, 404, "No such call", "There is no such call on your list.");
      return;
    } catch (IllegalArgumentException e) {
      refuse(ctx, 400, "Not logged", String.valueOf(e.getMessage()));
      return;
    } catch (StoreException e) {
      refuse(ctx, 409, "Not logged", String.valueOf(e.getMessage()));
      return;
    }
    if (htmx(ctx)) {
      render(ctx, logged(logged));
    } else {
      ctx.redirect(
          PATH + "?logged=" + logged.taskId() + "&outcome=" + logged.outcome().label(),
          HttpStatus.SEE_OTHER);
    }
  }

  /** A manager or admin logs any call; a rep their own and the pool's. */
  static boolean mayLog(User user, CallTasks.Assignment task) {
    if (user.role().seesAllCustomers() || task.pool()) {
      return true;
    }
    return user.maySee(task.rep().orElse(null));
  }

  private static Map<String, Object> detail(CallLogged l) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("task", l.taskId());
    d.put("outcome", l.outcome().label());
    l.note().ifPresent(n -> d.put("note", n));
    if (!l.suppressed().isEmpty()) {
      d.put(
          "suppressed",
          l.suppressed().stream().map(s -> s.channel().id() + " " + s.address()).toList());
    }
    if (l.consentWithdrawn()) {
      d.put("consentWithdrawn", true);
    }
    return d;
  }

  private Logged logged(CallLogged l) {
    List<String> effects = new ArrayList<>();
    l.note().ifPresent(n -> effects.add("Note: " + n));
    for (CallLogged.Suppressed s : l.suppressed()) {
      effects.add(
          "Suppressed "
              + s.channel().id()
              + " "
              + s.address().replace("\n", ", ")
              + (s.added() ? "" : " (it was already)"));
    }
    if (l.consentWithdrawn()) {
      effects.add(
          "Consent withdrawn on every channel, as the customer's own word: only the customer can"
              + " undo it.");
    }
    l.surveyAnswer()
        .ifPresent(
            a ->
                effects.add(
                    "Kept as their exit-survey answer from a call"
                        + a.answer().reason().map(r -> ": " + r.label()).orElse("")
                        + "."));
    return new Logged(
        l.taskId(),
        l.customerId(),
        l.outcome().meaning(),
        l.by(),
        TIME.format(l.at().atZone(outreach.playbooks().policy().defaultZone())),
        effects);
  }

  private Logged already(CallTasks.AlreadyLoggedException e) {
    String customer = calls.assignment(e.taskId()).map(CallTasks.Assignment::customerId).orElse("");
    return new Logged(
        e.taskId(),
        customer,
        e.outcome().meaning(),
        e.by(),
        TIME.format(e.at().atZone(outreach.playbooks().policy().defaultZone())),
        List.of("Logged before you: nothing was changed."));
  }

  private void render(Context ctx, Logged logged) {
    pages.render(ctx, 200, "calllist/logged.jte", Map.of("logged", logged));
  }

  /**
   * A refusal: to htmx, its words as plain text for the row to show (calls.js); to a plain form, a
   * page.
   */
  private void refuse(Context ctx, int status, String title, String text) {
    if (htmx(ctx)) {
      ctx.status(status).contentType("text/plain; charset=utf-8").result(text);
    } else {
      pages.message(ctx, status, title, text);
    }
  }

  private static boolean htmx(Context ctx) {
    return "true".equals(ctx.header("HX-Request"));
  }
}
