package org.rekindle.web;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import org.rekindle.core.playbook.Business;
import org.rekindle.store.access.User;
import org.rekindle.web.auth.Guard;

/**
 * Renders the pages from their jte templates, and the pages every part of the app shares: the
 * public ones in {@code layout.jte}, the dashboard's in {@code dashboard/layout.jte} with its
 * {@link Chrome}.
 */
public final class Pages {
  /** Where the one stylesheet is served. */
  public static final String STYLESHEET = "/assets/rekindle.css";

  /** Where the dashboard's stylesheet is served. */
  public static final String DASHBOARD_STYLESHEET = "/assets/dashboard.css";

  private final TemplateEngine templates;
  private final Business business;
  private final Navigation navigation;

  Pages(TemplateEngine templates, Business business, Navigation navigation) {
    this.templates = templates;
    this.business = business;
    this.navigation = navigation;
  }

  /** The name of the business the pages are of. */
  public String businessName() {
    return business.name();
  }

  /** Renders a template with its parameters as HTML, with this status. */
  public void render(Context ctx, int status, String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    templates.render(template, params, out);
    ctx.status(status).html(out.toString());
  }

  /**
   * Renders a dashboard page: its template gets, besides these parameters, {@code chrome} (the
   * frame: business, user, menu, CSRF token) for {@code dashboard/layout.jte}.
   */
  public void dashboard(Context ctx, int status, String template, Map<String, Object> params) {
    Map<String, Object> all = new HashMap<>(params);
    all.put("chrome", chrome(ctx));
    render(ctx, status, template, all);
  }

  /** The frame of a dashboard page for the logged-in user of a request. */
  public Chrome chrome(Context ctx) {
    User user = Guard.user(ctx);
    return new Chrome(
        business.name(), user, Guard.csrf(ctx), navigation.visibleTo(user), ctx.path());
  }

  /** A short message in the dashboard's frame, such as a refusal. */
  public void message(Context ctx, int status, String title, String text) {
    dashboard(ctx, status, "dashboard/message.jte", Map.of("title", title, "text", text));
  }

  /** A change came without its session's CSRF token: refused, nothing changed. */
  void forged(Context ctx) {
    message(
        ctx,
        403,
        "Not saved",
        "This form had expired or did not come from this site, so nothing was changed. Reload"
            + " the page and try again.");
  }

  /** The user's role may not open the page. */
  void forbidden(Context ctx) {
    message(ctx, 403, "Not for your role", "Your role does not open this page.");
  }

  /** A page that is not there, or a link that is not valid: the same words for both. */
  public void notFound(Context ctx) {
    render(ctx, 404, "notfound.jte", Map.of("business", business.name()));
  }

  /** Something failed on our side. */
  void failed(Context ctx) {
    render(ctx, 500, "failed.jte", Map.of("business", business.name()));
  }
}
