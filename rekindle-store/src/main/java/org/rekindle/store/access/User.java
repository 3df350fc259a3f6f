package org.rekindle.store.access;

import org.jspecify.annotations.Nullable;

/**
 * A person who logs in.
 *
 * @param login their login name, lower case
 * @param name how pages greet them, when given
 * @param rep for a rep, the {@code owner_rep} name of their accounts; a manager or admin may have
 *     one too (their own accounts), which does not narrow what they see
 * @param disabled whether they may no longer log in
 */
public record User(
    long id,
    String login,
    @Nullable String name,
    Role role,
    @Nullable String rep,
    boolean disabled) {

  /** How the audit log names them. */
  public String actor() {
    return "user " + login;
  }

  /** The name to show: their name, else their login. */
  public String shownName() {
    return name == null || name.isBlank() ? login : name;
  }

  /**
   * Whether they may see a customer with this owner rep: a manager or admin sees every customer, a
   * rep those whose owner is their rep name (compared as the import keeps it, trimmed, case
   * ignored).
   */
  public boolean maySee(@Nullable String ownerRep) {
    if (role.seesAllCustomers()) {
      return true;
    }
    return rep != null && ownerRep != null && rep.trim().equalsIgnoreCase(ownerRep.trim());
  }
}
