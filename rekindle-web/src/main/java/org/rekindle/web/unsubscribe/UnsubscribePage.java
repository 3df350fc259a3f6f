package org.rekindle.web.unsubscribe;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.rekindle.core.playbook.Business;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.outreach.unsubscribe.UnsubscribeTokens;
import org.rekindle.store.Store;
import org.rekindle.store.consent.Unsubscribes;
import org.rekindle.web.Pages;

/**
 * The unsubscribe link of every email, {@code /u/TOKEN} (the {@code List-Unsubscribe} header and
 * the message's own link, docs/outreach.md).
 *
 * <p>{@code GET} never unsubscribes: mail scanners and link previews open every link in a message,
 * and an unsubscribe on opening would stop mail nobody asked to stop. It shows one button. {@code
 * POST} unsubscribes: the page's button, or a mail program's one-click unsubscribe (RFC 8058, a
 * POST with the body {@code List-Unsubscribe=One-Click}, sent by the provider's servers with no
 * cookie and no browser). The body is not read: the signed token is the credential, the same one
 * the header carries, and whatever a POST holds it means stop. For the same reason there is no CSRF
 * token and no {@code Origin} check here (a one-click POST comes from no page at all); a forged
 * POST needs the customer's token, and would only do what that customer can.
 *
 * <p>A token that does not verify, and a valid one for a customer no longer on file, get the same
 * "not found" page.
 */
public final class UnsubscribePage {
  /** The path of the page; links are {@code publicUrl + /u/ + token}. */
  public static final String PATH = "/u/{token}";

  private final UnsubscribeTokens tokens;
  private final Unsubscribes unsubscribes;
  private final Business business;
  private final Pages pages;

  public UnsubscribePage(Store store, SigningKeys keys, Business business, Pages pages) {
    this.tokens = new UnsubscribeTokens(keys);
    this.unsubscribes = new Unsubscribes(store);
    this.business = business;
    this.pages = pages;
  }

  /** Adds the page's routes. */
  public void routes(RoutesConfig routes) {
    routes.get(PATH, this::show);
    routes.post(PATH, this::unsubscribe);
  }

  private void show(Context ctx) {
    Optional<Long> customer = tokens.verify(ctx.pathParam("token"));
    Optional<Unsubscribes.Standing> standing = customer.flatMap(unsubscribes::standing);
    if (standing.isEmpty()) {
      pages.notFound(ctx);
      return;
    }
    render(ctx, "unsubscribe/confirm.jte", standing.get());
  }

  private void unsubscribe(Context ctx) {
    Optional<Long> customer = tokens.verify(ctx.pathParam("token"));
    // the page's button says so in its address; anything else is a mail program's one click
    String how = "page".equals(ctx.queryParam("from")) ? "the page's button" : "one-click POST";
    Optional<Unsubscribes.Standing> standing =
        customer.flatMap(id -> unsubscribes.unsubscribe(id, how));
    if (standing.isEmpty()) {
      pages.notFound(ctx);
      return;
    }
    render(ctx, "unsubscribe/done.jte", standing.get());
  }

  private void render(Context ctx, String template, Unsubscribes.Standing s) {
    pages.render(
        ctx,
        200,
        template,
        Map.of(
            "business", business.name(),
            "action", ctx.path() + "?from=page",
            "address", s.email().map(UnsubscribePage::masked).orElse(""),
            "already", s.unsubscribed()));
  }

  /**
   * An address shown so its owner knows it and a stranger holding the link learns little: the first
   * character of the local part, then the domain ("a•••@mail.example").
   */
  static String masked(String email) {
    String e = email.strip();
    int at = e.lastIndexOf('@');
    if (at <= 0) {
      return "";
    }
    return e.substring(0, e.offsetByCodePoints(0, 1)) + "\u2022\u2022\u2022" + e.substring(at);
  }
}
