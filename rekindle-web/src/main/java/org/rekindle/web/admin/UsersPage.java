package org.rekindle.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.rekindle.store.access.AccessException;
import org.rekindle.store.access.Role;
import org.rekindle.store.access.User;
import org.rekindle.store.access.Users;
import org.rekindle.web.Navigation;
import org.rekindle.web.Pages;
import org.rekindle.web.auth.Access;
import org.rekindle.web.auth.Guard;

/**
 * {@code /admin/users}: who may log in, adding a user, disabling and enabling one. Admins only;
 * every change is in the audit log under the admin's name (the store records it).
 */
public final class UsersPage {
  static final String PATH = "/admin/users";

  private final Users users;
  private final Pages pages;

  public UsersPage(Users users, Pages pages) {
    this.users = users;
    this.pages = pages;
  }

  /** Adds the routes and the menu entry. */
  public void routes(RoutesConfig routes, Navigation menu) {
    routes.get(PATH, ctx -> show(ctx, 200, null, Map.of()), Access.ADMIN);
    routes.post(PATH, this::add, Access.ADMIN);
    routes.post(PATH + "/{login}/disable", ctx -> setDisabled(ctx, true), Access.ADMIN);
    routes.post(PATH + "/{login}/enable", ctx -> setDisabled(ctx, false), Access.ADMIN);
    menu.add("Users", PATH, Access.ADMIN);
  }

  private void show(Context ctx, int status, @Nullable String problem, Map<String, String> form) {
    Map<String, Object> params = new HashMap<>();
    params.put("users", users.list());
    params.put("problem", problem == null ? "" : problem);
    params.put("done", Optional.ofNullable(ctx.queryParam("done")).orElse(""));
    params.put("form", form);
    params.put("roles", Arrays.stream(Role.values()).map(Role::label).toList());
    pages.dashboard(ctx, status, "admin/users.jte", params);
  }

  private void add(Context ctx) {
    User admin = Guard.user(ctx);
    String login = field(ctx, "login");
    String name = field(ctx, "name");
    String role = field(ctx, "role");
    String rep = field(ctx, "rep");
    Map<String, String> form = Map.of("login", login, "name", name, "role", role, "rep", rep);
    char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
    try {
      User added =
          users.add(
              login,
              name.isEmpty() ? null : name,
              Role.parse(role),
              rep.isEmpty() ? null : rep,
              password,
              admin.actor());
      ctx.redirect(PATH + "?done=added+" + added.login());
    } catch (AccessException e) {
      show(ctx, 400, e.getMessage(), form);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static String field(Context ctx, String name) {
    return Optional.ofNullable(ctx.formParam(name)).orElse("").strip();
  }

  private void setDisabled(Context ctx, boolean disabled) {
    User admin = Guard.user(ctx);
    String login = ctx.pathParam("login");
    try {
      if (disabled && admin.login().equals(Users.normalLogin(login))) {
        show(ctx, 400, "You cannot disable yourself: another admin can.", Map.of());
        return;
      }
      User u = users.setDisabled(login, disabled, admin.actor());
      ctx.redirect(PATH + "?done=" + (disabled ? "disabled+" : "enabled+") + u.login());
    } catch (AccessException e) {
      show(ctx, 400, e.getMessage(), Map.of());
    }
  }
}
