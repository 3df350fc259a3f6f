package org.rekindle.core.input;

import java.util.List;
import java.util.Locale;

/**
 * The fields of a customers file, each with the header names it is found by (ignoring case, spaces,
 * underscores and dashes) and the kind of value it holds. Only the id is required; a field the file
 * does not have leaves the stored value as it is.
 */
public enum CustomerField {
  ID(Kind.TEXT, "customer", "customer_id", "customerid", "client", "client_id", "id", "account"),
  NAME(Kind.TEXT, "name", "customer_name", "full_name", "company", "company_name"),
  EMAIL(Kind.EMAIL, "email", "e_mail", "email_address", "mail"),
  PHONE(Kind.TEXT, "phone", "phone_number", "telephone", "tel", "mobile"),
  ADDRESS_LINE1(Kind.TEXT, "address_line1", "address", "address1", "street"),
  ADDRESS_LINE2(Kind.TEXT, "address_line2", "address2"),
  CITY(Kind.TEXT, "city", "town"),
  REGION(Kind.TEXT, "region", "state", "province", "county"),
  POSTAL_CODE(Kind.TEXT, "postal_code", "zip", "zip_code", "postcode"),
  COUNTRY(Kind.TEXT, "country", "country_code"),
  BIRTHDAY(Kind.DATE, "birthday", "date_of_birth", "dob", "birth_date"),
  CUSTOMER_SINCE(Kind.DATE, "customer_since", "since", "signup_date", "created_at", "created"),
  OWNER_REP(Kind.TEXT, "owner_rep", "rep", "sales_rep", "owner", "account_manager"),
  SEGMENT(Kind.TEXT, "segment", "tier"),
  TAGS(Kind.TAGS, "tags", "labels"),
  ACCOUNT_KIND(Kind.ACCOUNT_KIND, "account_kind", "account_type", "kind", "customer_type"),
  TIME_ZONE(Kind.ZONE, "time_zone", "timezone", "tz"),
  CONSENT_EMAIL(Kind.YES_NO, "consent_email", "email_consent", "email_opt_in"),
  CONSENT_LETTER(Kind.YES_NO, "consent_letter", "consent_mail", "consent_post", "mail_opt_in"),
  CONSENT_PHONE(Kind.YES_NO, "consent_phone", "phone_consent", "phone_opt_in"),
  CONSENT_SMS(Kind.YES_NO, "consent_sms", "sms_consent", "sms_opt_in");

  /** How a field's text is read. */
  public enum Kind {
    /** As written, trimmed. */
    TEXT,
    /** An address with one '@' and a dot in the domain, stored lower case. */
    EMAIL,
    /** A date, ISO or the file's --date-format. */
    DATE,
    /** Labels separated by ';', '|' or ','. */
    TAGS,
    /** consumer, or a B2B credit account (credit, credit_account, account, b2b). */
    ACCOUNT_KIND,
    /** A time-zone region such as Europe/Berlin. */
    ZONE,
    /** yes/no, true/false, y/n, 1/0. */
    YES_NO
  }

  private final Kind kind;
  private final List<String> candidates;

  CustomerField(Kind kind, String... candidates) {
    this.kind = kind;
    this.candidates = List.of(candidates);
  }

  public Kind kind() {
    return kind;
  }

  /** The header names looked for, in order of preference. */
  public List<String> candidates() {
    return candidates;
  }

  /** The field's name in a mapping ({@code customer} for the id) and its database column. */
  public String key() {
    return this == ID ? "customer" : name().toLowerCase(Locale.ROOT);
  }
}
