package org.rekindle.web.survey;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.feedback.LeavingReason;
import org.rekindle.core.playbook.Business;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.outreach.unsubscribe.UnsubscribeTokens;
import org.rekindle.store.survey.ComeBack;
import org.rekindle.store.survey.InvalidAnswerException;
import org.rekindle.store.survey.InvalidAnswerException.Field;
import org.rekindle.store.survey.StoredAnswer;
import org.rekindle.store.survey.SurveyAnswer;
import org.rekindle.store.survey.SurveyAnswers;
import org.rekindle.web.Pages;

/**
 * The exit survey, {@code /s/TOKEN}: the link a survey step sends (docs/playbooks.md), signed for
 * one customer. {@code GET} shows the questions with the customer's earlier answer; {@code POST}
 * keeps the answer (a resubmission replaces it) and thanks them.
 *
 * <p>The token is the credential: there is no login, and no CSRF token either. A CSRF token guards
 * a session that a browser sends by itself (a cookie); this page has none, and a forged request
 * needs the customer's token, which only their link holds — with it, the forger could post the form
 * anyway. Still, a form posted from another site is refused: a browser names the site it posts from
 * in {@code Origin}, and only this server's own address, the business's public address, or no site
 * ({@code null}, which browsers send when the page's referrer policy is {@code no-referrer}, as
 * ours is) are taken.
 *
 * <p>A token that does not verify, and a valid one for a customer no longer on file, get the same
 * "not found" page: the page says nothing about why.
 */
public final class SurveyPage {
  /** The path of the survey page; links are {@code publicUrl + /s/ + token}. */
  public static final String PATH = "/s/{token}";

  private final UnsubscribeTokens tokens;
  private final SurveyAnswers answers;
  private final Business business;
  private final Pages pages;
  private final Clock clock;

  public SurveyPage(Jdbi jdbi, SigningKeys keys, Business business, Pages pages) {
    this(jdbi, keys, business, pages, Clock.systemUTC());
  }

  SurveyPage(Jdbi jdbi, SigningKeys keys, Business business, Pages pages, Clock clock) {
    this.tokens = UnsubscribeTokens.forSurveys(keys);
    this.answers = new SurveyAnswers(jdbi);
    this.business = business;
    this.pages = pages;
    this.clock = clock;
  }

  /** Adds the page's routes. */
  public void routes(RoutesConfig routes) {
    routes.get(PATH, this::show);
    routes.post(PATH, this::answer);
  }

  private void show(Context ctx) {
    Optional<Long> customer = customer(ctx);
    if (customer.isEmpty()) {
      pages.notFound(ctx);
      return;
    }
    Optional<SurveyAnswer> before =
        answers.find(customer.get(), SurveyAnswers.Source.SURVEY).map(StoredAnswer::answer);
    SurveyForm form =
        SurveyForm.of(
            business.name(),
            ctx.path(),
            before.flatMap(SurveyAnswer::reason).map(LeavingReason::label).orElse(""),
            before.flatMap(SurveyAnswer::comeBack).map(ComeBack::id).orElse(""),
            before.flatMap(SurveyAnswer::comment).orElse(""),
            before.flatMap(SurveyAnswer::bringBack).orElse(""),
            Map.of(),
            before.isPresent());
    pages.render(ctx, 200, "survey/form.jte", Map.of("form", form));
  }

  private void answer(Context ctx) {
    if (!sameSite(ctx)) {
      pages.render(ctx, 403, "survey/refused.jte", Map.of("business", business.name()));
      return;
    }
    // the body limit is checked against the declared length before anything is read: a body of
    // unknown length (chunked) could be any size, and a browser's form never sends one
    if (ctx.req().getContentLengthLong() < 0) {
      ctx.status(411).result("Length Required");
      return;
    }
    // the token only: whether the customer is still on file is learnt from the answer's own
    // transaction (UnknownCustomerException below), not by a query before it
    Optional<Long> customer = tokens.verify(ctx.pathParam("token"));
    if (customer.isEmpty()) {
      pages.notFound(ctx);
      return;
    }
    String reason = field(ctx, "reason");
    String comeBack = field(ctx, "come_back");
    String comment = field(ctx, "comment");
    String bringBack = field(ctx, "bring_back");
    SurveyAnswer answer;
    try {
      answer = SurveyAnswer.of(reason, comeBack, bringBack, comment);
    } catch (InvalidAnswerException e) {
      if (!answers.customerExists(customer.get())) {
        pages.notFound(ctx);
        return;
      }
      Map<Field, String> problems = new EnumMap<>(Field.class);
      for (InvalidAnswerException.Problem p : e.problems()) {
        problems.merge(p.field(), p.message(), (x, y) -> x + "; " + y);
      }
      boolean before = answers.find(customer.get(), SurveyAnswers.Source.SURVEY).isPresent();
      SurveyForm form =
          SurveyForm.of(
              business.name(), ctx.path(), reason, comeBack, comment, bringBack, problems, before);
      pages.render(ctx, 422, "survey/form.jte", Map.of("form", form));
      return;
    }
    Instant now = clock.instant();
    try {
      StoredAnswer kept = answers.answer(customer.get(), answer, now);
      pages.render(
          ctx,
          200,
          "survey/thanks.jte",
          Map.of(
              "business", business.name(), "action", ctx.path(), "changed", kept.revisions() > 0));
    } catch (SurveyAnswers.UnknownCustomerException e) {
      pages.notFound(ctx);
    }
  }

  /** The customer the path's token names, when it verifies and the customer is on file. */
  private Optional<Long> customer(Context ctx) {
    return tokens.verify(ctx.pathParam("token")).filter(answers::customerExists);
  }

  /** A form field's value, "" when it was not sent. */
  private static String field(Context ctx, String name) {
    @Nullable String v = ctx.formParam(name);
    return v == null ? "" : v;
  }

  /**
   * Whether the request comes from no site, or from ours: its {@code Origin} is absent, {@code
   * null}, this server's own (as the {@code Host} header names it) or the business's public
   * address.
   */
  private boolean sameSite(Context ctx) {
    @Nullable String origin = ctx.header("Origin");
    if (origin == null || origin.isBlank() || origin.strip().equals("null")) {
      return true;
    }
    URI from;
    try {
      from = URI.create(origin.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (from.getHost() == null || from.getScheme() == null) {
      return false;
    }
    String authority = authority(from);
    @Nullable String host = ctx.header("Host");
    if (host != null && authority.equals(host.strip().toLowerCase(Locale.ROOT))) {
      return true;
    }
    URI pub = business.publicUrl();
    return pub.getHost() != null
        && from.getScheme().equalsIgnoreCase(pub.getScheme())
        && authority.equals(authority(pub));
  }

  /** host:port as a Host header gives it: the port left out when it is the scheme's own. */
  private static String authority(URI u) {
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    int port = u.getPort();
    boolean usual =
        port == -1
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    String host = u.getHost().toLowerCase(Locale.ROOT);
    return usual ? host : host + ":" + port;
  }
}
