package org.rekindle.web;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.rekindle.core.playbook.Business;

/** Renders the pages from their jte templates, and the pages every part of the app shares. */
public final class Pages {
  /** Where the one stylesheet is served. */
  public static final String STYLESHEET = "/assets/rekindle.css";

  private final TemplateEngine templates;
  private final Business business;
  private final String css;

  Pages(TemplateEngine templates, Business business) {
    this.templates = templates;
    this.business = business;
    try (InputStream in =
        Objects.requireNonNull(
            Pages.class.getResourceAsStream("rekindle.css"), "the stylesheet is in the jar")) {
      this.css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the stylesheet", e);
    }
  }

  /** Renders a template with its parameters as HTML, with this status. */
  public void render(Context ctx, int status, String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    templates.render(template, params, out);
    ctx.status(status).html(out.toString());
  }

  /** A page that is not there, or a link that is not valid: the same words for both. */
  public void notFound(Context ctx) {
    render(ctx, 404, "notfound.jte", Map.of("business", business.name()));
  }

  /** Something failed on our side. */
  void failed(Context ctx) {
    render(ctx, 500, "failed.jte", Map.of("business", business.name()));
  }

  void stylesheet(Context ctx) {
    ctx.contentType("text/css; charset=utf-8").result(css);
  }
}
