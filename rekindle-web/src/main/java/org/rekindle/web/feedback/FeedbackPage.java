package org.rekindle.web.feedback;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.store.Store;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.feedback.CaseException;
import org.rekindle.store.feedback.Cases;
import org.rekindle.store.feedback.Feedback;
import org.rekindle.store.reasons.Period;
import org.rekindle.store.reasons.ReasonPatterns;
import org.rekindle.store.reasons.ReasonReport;
import org.rekindle.web.Navigation;
import org.rekindle.web.Pages;
import org.rekindle.web.auth.Access;
import org.rekindle.web.auth.Guard;

/**
 * {@code /feedback}: for managers, the open service-recovery cases with their due times (closing
 * one with its outcome: {@code POST /feedback/cases/ID/close}, in the case's own record and the
 * audit log), the latest feedback, and why customers left: the exit survey's reasons over the last
 * twelve months ({@code rekindle reasons}). Every list is bounded; the reasons are kept for {@link
 * #REASONS_KEPT}, as counting every answer takes seconds on a million.
 */
public final class FeedbackPage {
  static final String PATH = "/feedback";

  /** Open cases listed; the counts above the list are of all of them. */
  static final int CASES_SHOWN = 100;

  /** Pieces of feedback listed, the latest first. */
  static final int FEEDBACK_SHOWN = 50;

  /** Feedback counted in the cards: the last 30 days. */
  static final int RECENT_DAYS = 30;

  /** Texts grouped into themes, the latest first. */
  static final int TEXTS_GROUPED = 2_000;

  /** How long the reasons report is kept before it is read again. */
  static final Duration REASONS_KEPT = Duration.ofMinutes(5);

  private final Store store;
  private final Cases cases;
  private final AuditLog audit;
  private final ZoneId zone;
  private final Clock clock;
  private final Pages pages;
  private final Object lock = new Object();
  private @Nullable ReasonReport reasons;
  private Instant reasonsRead = Instant.EPOCH;
  private LocalDate reasonsDay = LocalDate.MIN;

  public FeedbackPage(Store store, Playbooks books, Clock clock, Pages pages) {
    this.store = store;
    this.cases = new Cases(store.jdbi(), clock);
    this.audit = new AuditLog(store.jdbi());
    this.zone = books.policy().defaultZone();
    this.clock = clock;
    this.pages = pages;
  }

  /** Adds the routes and the menu entry. */
  public void routes(RoutesConfig routes, Navigation menu) {
    routes.get(PATH, ctx -> show(ctx, 200, ""), Access.MANAGER);
    routes.post(PATH + "/cases/{id}/close", this::close, Access.MANAGER);
    menu.add("Feedback", PATH, Access.MANAGER);
  }

  private void show(Context ctx, int status, String problem) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    Map<String, Object> params = new HashMap<>();
    params.put("counts", cases.countOpen());
    params.put("cases", cases.firstOpen(CASES_SHOWN));
    params.put("feedback", Feedback.latest(store.jdbi(), FEEDBACK_SHOWN));
    params.put("recent", Feedback.countSince(store.jdbi(), today.minusDays(RECENT_DAYS - 1L)));
    ReasonReport why = reasons(today);
    params.put("reasons", why);
    params.put(
        "outcomes", Arrays.stream(Cases.Outcome.values()).map(Cases.Outcome::label).toList());
    params.put("zone", zone);
    params.put("now", clock.instant());
    params.put("problem", problem);
    params.put("done", Optional.ofNullable(ctx.queryParam("closed")).orElse(""));
    params.put("reasonChart", FeedbackView.reasonChart(why));
    pages.dashboard(ctx, status, "feedback/feedback.jte", params);
  }

  /** The last twelve months' reasons, by month; read again after {@link #REASONS_KEPT}. */
  ReasonReport reasons(LocalDate today) {
    synchronized (lock) {
      Instant now = clock.instant();
      ReasonReport r = reasons;
      if (r == null
          || !reasonsDay.equals(today)
          || Duration.between(reasonsRead, now).compareTo(REASONS_KEPT) > 0) {
        r =
            new ReasonPatterns(store.jdbi())
                .report(
                    new ReasonPatterns.Options(
                        Optional.of(Period.MONTH.start(today).minusMonths(11)),
                        today,
                        Period.MONTH,
                        false,
                        zone,
                        TEXTS_GROUPED),
                    stage -> {});
        reasons = r;
        reasonsRead = now;
        reasonsDay = today;
      }
      return r;
    }
  }

  private void close(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      pages.notFound(ctx);
      return;
    }
    Cases.Outcome outcome;
    try {
      outcome = Cases.Outcome.parse(Optional.ofNullable(ctx.formParam("outcome")).orElse(""));
    } catch (IllegalArgumentException e) {
      show(ctx, 400, "Case #" + id + " was not closed: " + e.getMessage() + ".");
      return;
    }
    Optional<String> note =
        Optional.ofNullable(ctx.formParam("note")).map(String::strip).filter(n -> !n.isEmpty());
    if (note.isPresent() && note.get().length() > 2000) {
      show(ctx, 400, "Case #" + id + " was not closed: the note is longer than 2,000 characters.");
      return;
    }
    String actor = Guard.user(ctx).actor();
    try {
      cases.close(id, outcome, actor, note);
    } catch (CaseException e) {
      show(ctx, 400, "Case #" + id + " was not closed: " + e.getMessage() + ".");
      return;
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("outcome", outcome.label());
    note.ifPresent(n -> detail.put("note", n));
    audit.record(actor, "case.close", "case #" + id, detail);
    ctx.redirect(PATH + "?closed=" + id);
  }
}
