package org.rekindle.web;

import java.util.List;
import org.rekindle.store.access.User;

/**
 * What every dashboard page's frame shows: the business, who is logged in, the menu with the
 * current entry marked, and the CSRF token the page's forms and htmx requests carry.
 *
 * @param path the path of the page shown, to mark its menu entry
 */
public record Chrome(
    String business, User user, String csrf, List<Navigation.Item> menu, String path) {

  /** Whether a menu entry is the page shown, or the page shown is under it. */
  public boolean current(Navigation.Item item) {
    return item.path().equals("/")
        ? path.equals("/")
        : path.equals(item.path()) || path.startsWith(item.path() + "/");
  }
}
