package org.rekindle.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.rekindle.core.playbook.Business;

/** The business the web tests' pages are of. */
public final class TestBusiness {
  /** Hill & Sons (an ampersand, to see it escaped), reached at https://survey.hill.example. */
  public static final Business HILL =
      new Business(
          "Hill & Sons Building Supply",
          Optional.empty(),
          "shop@hill.example",
          Optional.empty(),
          List.of("1 Hill Road"),
          Optional.empty(),
          URI.create("https://survey.hill.example"));

  private TestBusiness() {}
}
