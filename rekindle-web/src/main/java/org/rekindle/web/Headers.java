package org.rekindle.web;

import io.javalin.http.Context;

/** The security headers every response carries. */
public final class Headers {
  /**
   * No script may run, nothing may load from elsewhere, forms post only back here, no page may be
   * framed (against clickjacking); styles only from our own stylesheet.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  /**
   * The dashboard's pages may also run scripts, only our own (htmx, Chart.js and the pages' own
   * files under /assets; no inline script, no eval), and fetch only from here.
   */
  public static final String DASHBOARD_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private Headers() {}

  static void secure(Context ctx) {
    // the dashboard's guard loosens this to DASHBOARD_POLICY once it has found a session
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    // the survey link is the customer's credential: never send it on as a referrer
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    // the pages show a customer's own answers, the dashboard everyone's: no cache may keep them
    ctx.header("Cache-Control", "no-store");
  }
}
