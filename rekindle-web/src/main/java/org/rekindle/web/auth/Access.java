package org.rekindle.web.auth;

import io.javalin.security.RouteRole;
import org.rekindle.store.access.Role;
import org.rekindle.store.access.User;

/**
 * Who may open a dashboard route, given as the route's role when it is added ({@code
 * routes.get(path, handler, Access.MANAGER)}). A route of the dashboard added without one is open
 * to every logged-in user; what a rep sees on it is narrowed by the page itself ({@link
 * User#maySee}).
 */
public enum Access implements RouteRole {
  /** Any logged-in user, reps included. */
  REP,
  /** Managers and admins. */
  MANAGER,
  /** Admins only. */
  ADMIN;

  /** Whether a user may open a route of this level. */
  public boolean allows(User user) {
    return switch (this) {
      case REP -> true;
      case MANAGER -> user.role() == Role.MANAGER || user.role() == Role.ADMIN;
      case ADMIN -> user.role() == Role.ADMIN;
    };
  }
}
