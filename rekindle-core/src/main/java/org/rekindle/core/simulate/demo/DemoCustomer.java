package org.rekindle.core.simulate.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One account of the sample business, as its customers file row says it, with the kind and fate it
 * was drawn with (which the file does not say: the scores have to find them).
 *
 * @param id the account number
 * @param phone a phone number in the +1 555 range, which no real line has
 * @param ownerRep the sales rep who owns the account; empty for the pool
 * @param tags labels, possibly none
 */
public record DemoCustomer(
    String id,
    BuyerKind kind,
    Fate fate,
    String name,
    Optional<String> email,
    Optional<String> phone,
    String street,
    String city,
    String postalCode,
    Optional<LocalDate> birthday,
    LocalDate customerSince,
    Optional<String> ownerRep,
    List<String> tags,
    boolean consentEmail,
    boolean consentLetter,
    boolean consentPhone) {
  public DemoCustomer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(fate, "fate");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(street, "street");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(postalCode, "postalCode");
    Objects.requireNonNull(birthday, "birthday");
    Objects.requireNonNull(customerSince, "customerSince");
    Objects.requireNonNull(ownerRep, "ownerRep");
    tags = List.copyOf(tags);
    if (consentEmail && email.isEmpty()) {
      throw new IllegalArgumentException("consent to email without an email: " + id);
    }
    if (consentPhone && phone.isEmpty()) {
      throw new IllegalArgumentException("consent to calls without a phone: " + id);
    }
  }

  /** {@code credit_account} or {@code consumer}, as the customers file writes it. */
  public String accountKind() {
    return kind.creditAccount() ? "credit_account" : "consumer";
  }
}
