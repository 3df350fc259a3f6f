package org.rekindle.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.rekindle.core.playbook.PlaybookException;
import org.rekindle.core.playbook.PlaybookLoader;
import org.rekindle.core.playbook.Playbooks;
import org.rekindle.core.playbook.ServiceRecovery;

/**
 * What the feedback and case commands read from the home's rekindle.yaml: the first-contact SLA,
 * the manager a late case goes to, and the business's time zone that times are shown in.
 */
record ServiceRecoveryConfig(ServiceRecovery recovery, ZoneId zone) {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  /**
   * The home's settings (the defaults without a rekindle.yaml).
   *
   * @throws PlaybookException if the home's rekindle.yaml has problems
   */
  static ServiceRecoveryConfig of(Path home) {
    Playbooks p = PlaybookLoader.forHome(home).playbooks();
    return new ServiceRecoveryConfig(p.serviceRecovery(), p.policy().defaultZone());
  }

  /**
   * For the daily run, which must not stop for a playbooks typo: the home's settings, or the
   * defaults with a warning on {@code err}.
   */
  static ServiceRecovery forRun(Path home, PrintWriter err) {
    try {
      return PlaybookLoader.forHome(home).playbooks().serviceRecovery();
    } catch (PlaybookException e) {
      err.println(
          "rekindle: "
              + PlaybookLoader.FILE_NAME
              + " has problems, so late service cases escalate to the default '"
              + ServiceRecovery.DEFAULT.escalateTo()
              + "': "
              + e.getMessage());
      return ServiceRecovery.DEFAULT;
    }
  }

  /** A moment as the business reads it: "2026-11-03 09:00". */
  String time(Instant at) {
    return TIME.format(at.atZone(zone));
  }
}
