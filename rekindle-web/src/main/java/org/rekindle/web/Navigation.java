package org.rekindle.web;

import java.util.ArrayList;
import java.util.List;
import org.rekindle.store.access.User;
import org.rekindle.web.auth.Access;

/**
 * The dashboard's menu: each page adds its entry when its routes are added, so the menu never links
 * to a page that is not there, and a user sees only the entries their role may open.
 */
public final class Navigation {
  /** One entry: its words, its path, who may open it. */
  public record Item(String label, String path, Access access) {}

  private final List<Item> items = new ArrayList<>();

  /** Adds an entry at the end of the menu. */
  public void add(String label, String path, Access access) {
    items.add(new Item(label, path, access));
  }

  /** The entries a user may open, in order. */
  public List<Item> visibleTo(User user) {
    return items.stream().filter(i -> i.access().allows(user)).toList();
  }

  /** Where a user lands after logging in: the first entry they may open. */
  public String landing(User user) {
    List<Item> mine = visibleTo(user);
    return mine.isEmpty() ? "/account" : mine.get(0).path();
  }
}
