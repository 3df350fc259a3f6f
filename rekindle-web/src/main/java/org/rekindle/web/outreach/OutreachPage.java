package org.rekindle.web.outreach;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.playbook.Business;
import org.rekindle.core.playbook.Playbook;
import org.rekindle.core.playbook.PlaybookWords;
import org.rekindle.outreach.letter.Letter;
import org.rekindle.outreach.letter.LetterBatch;
import org.rekindle.outreach.letter.LetterValues;
import org.rekindle.outreach.letter.Letterhead;
import org.rekindle.outreach.letter.Paper;
import org.rekindle.outreach.letter.Recipient;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.store.Store;
import org.rekindle.store.StoreException;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.access.User;
import org.rekindle.store.outreach.LetterQueue;
import org.rekindle.store.outreach.OutreachLog;
import org.rekindle.web.Navigation;
import org.rekindle.web.OutreachSetup;
import org.rekindle.web.Pages;
import org.rekindle.web.auth.Access;
import org.rekindle.web.auth.Guard;

/**
 * {@code /outreach}: what a day's plan decided, for whom and why, and where each email, letter and
 * call stands now (planned, sent, suppressed with the reason, deferred, uncertain), a page at a
 * time; the emails whose outcome is unknown; the letters waiting, printed as one PDF by {@code POST
 * /outreach/letters.pdf} exactly as {@code rekindle letters} prints them; and the playbooks as
 * configured. Managers and admins only.
 */
public final class OutreachPage {
  static final String PATH = "/outreach";
  static final String LETTERS = PATH + "/letters.pdf";

  /** Decisions a page. */
  static final int PAGE = 50;

  /** The most letters one download prints, as {@code rekindle letters} by default. */
  static final int MAX_LETTERS = 1000;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final Store store;
  private final OutreachSetup outreach;
  private final SigningKeys keys;
  private final Pages pages;
  private final Clock clock;
  private final OutreachLog log;
  private final LetterQueue letters;

  public OutreachPage(
      Store store, OutreachSetup outreach, SigningKeys keys, Pages pages, Clock clock) {
    this.store = store;
    this.outreach = outreach;
    this.keys = keys;
    this.pages = pages;
    this.clock = clock;
    this.log = new OutreachLog(store.jdbi());
    this.letters = new LetterQueue(store.jdbi());
  }

  /** Adds the routes and the menu entry. */
  public void routes(RoutesConfig routes, Navigation menu) {
    routes.get(PATH, this::show, Access.MANAGER);
    routes.post(LETTERS, this::print, Access.MANAGER);
    menu.add("Outreach", PATH, Access.MANAGER);
  }

  /** A decision's row. */
  public record Row(
      String customerId,
      String playbook,
      String step,
      String action,
      String decision,
      String reason,
      String state,
      String stateNote) {}

  /** An uncertain email's row. */
  public record Uncertain(
      long id, String customerId, String address, String playbook, String since, String what) {}

  /** A playbook as configured, in words. */
  public record Book(
      String id,
      String name,
      boolean enabled,
      int priority,
      String when,
      String then,
      String stops,
      String holdout) {}

  /** A summary figure. */
  public record Figure(String label, long value) {}

  private void show(Context ctx) {
    ZoneId zone = outreach.playbooks().policy().defaultZone();
    LocalDate today = outreach.today(clock);
    List<String> problems = new ArrayList<>();
    LocalDate day = today;
    String dayText = Optional.ofNullable(ctx.queryParam("day")).orElse("").strip();
    if (!dayText.isEmpty()) {
      try {
        day = LocalDate.parse(dayText);
      } catch (DateTimeParseException e) {
        problems.add(
            "The day must be a date like 2026-12-07, not '" + dayText + "': showing today.");
      }
    }
    Optional<String> playbook =
        Optional.ofNullable(ctx.queryParam("playbook"))
            .map(String::strip)
            .filter(p -> !p.isEmpty());
    OutreachLog.Status status = OutreachLog.Status.ALL;
    String statusText = Optional.ofNullable(ctx.queryParam("status")).orElse("").strip();
    if (!statusText.isEmpty()) {
      try {
        status = OutreachLog.Status.parse(statusText);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage() + ": showing every decision.");
      }
    }
    int page = page(ctx.queryParam("page"));
    OutreachLog.Page decisions = log.decisions(day, playbook, status, (page - 1) * PAGE, PAGE);
    List<Row> rows = new ArrayList<>();
    for (OutreachLog.Item i : decisions.items()) {
      rows.add(
          new Row(
              i.customerId(),
              i.playbook(),
              i.step() < 0 ? "" : Integer.toString(i.step() + 1),
              i.action(),
              i.decision().replace('_', ' '),
              i.reason(),
              i.state().orElse(""),
              i.stateNote().orElse("")));
    }
    Map<String, Long> counts = log.counts(day, playbook);
    List<Uncertain> uncertain = new ArrayList<>();
    for (OutreachLog.Uncertain u : log.uncertain(PAGE)) {
      uncertain.add(
          new Uncertain(
              u.id(),
              u.customerId(),
              u.address(),
              u.playbook(),
              WHEN.format(u.since().atZone(zone)),
              u.what()));
    }
    Map<String, Object> params = new HashMap<>();
    params.put("day", day.toString());
    params.put("today", day.equals(today));
    params.put("playbook", playbook.orElse(""));
    params.put("status", status.id());
    params.put(
        "statuses",
        Stream.of(OutreachLog.Status.values())
            .collect(
                Collectors.toMap(
                    OutreachLog.Status::id,
                    OutreachLog.Status::words,
                    (a, b) -> a,
                    LinkedHashMap::new)));
    params.put("rows", rows);
    params.put("figures", figures(counts, log.uncertainCount()));
    params.put("uncertain", uncertain);
    params.put("letters", letters.waiting());
    params.put("books", books());
    params.put("source", outreach.playbooks().source());
    params.put("problems", problems);
    params.put("previous", page > 1 ? link(day, playbook, status, page - 1) : "");
    params.put("next", decisions.more() ? link(day, playbook, status, page + 1) : "");
    params.put("page", page);
    pages.dashboard(ctx, 200, "outreach/outreach.jte", params);
  }

  private static List<Figure> figures(Map<String, Long> counts, long uncertain) {
    List<Figure> f = new ArrayList<>();
    f.add(new Figure("playbooks started", counts.getOrDefault("started start", 0L)));
    f.add(new Figure("held out", counts.getOrDefault("held_out start", 0L)));
    for (String action : List.of("email", "letter", "call", "survey")) {
      f.add(new Figure(action + "s planned", counts.getOrDefault("queued " + action, 0L)));
    }
    f.add(new Figure("offers issued", counts.getOrDefault("issued offer", 0L)));
    f.add(new Figure("skipped", sum(counts, "skipped ")));
    f.add(new Figure("deferred", sum(counts, "deferred ")));
    f.add(new Figure("uncertain emails (any day)", uncertain));
    return f;
  }

  private static long sum(Map<String, Long> counts, String prefix) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private List<Book> books() {
    List<Playbook> all = new ArrayList<>(outreach.playbooks().playbooks());
    // the order the planner takes them in: enabled by priority, then the disabled
    all.sort(
        Comparator.comparing((Playbook p) -> !p.enabled())
            .thenComparing(Comparator.comparingInt(Playbook::priority).reversed()));
    List<Book> books = new ArrayList<>();
    for (Playbook p : all) {
      books.add(
          new Book(
              p.id(),
              p.name(),
              p.enabled(),
              p.priority(),
              PlaybookWords.trigger(p.trigger()),
              p.steps().stream().map(PlaybookWords::step).collect(Collectors.joining("; ")),
              PlaybookWords.stops(p),
              PlaybookWords.percent(p.holdout())));
    }
    return books;
  }

  private static String link(
      LocalDate day, Optional<String> playbook, OutreachLog.Status status, int page) {
    return PATH
        + "?day="
        + day
        + playbook.map(p -> "&playbook=" + URLEncoder.encode(p, StandardCharsets.UTF_8)).orElse("")
        + "&status="
        + status.id()
        + "&page="
        + page;
  }

  private static int page(@Nullable String text) {
    if (text == null) {
      return 1;
    }
    try {
      // offset paging: far pages cost the rows before them, so they stop somewhere
      return Math.max(1, Math.min(2_000, Integer.parseInt(text.strip())));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /**
   * The letters waiting, as one PDF: taken, printed and marked printed (each recorded as a contact)
   * in one transaction, with its audit entry, as {@code rekindle letters} does; a batch that fails
   * to print stays queued. A POST, never a GET: downloading it changes what is queued.
   */
  private void print(Context ctx) {
    User user = Guard.user(ctx);
    Paper paper;
    String paperText = Optional.ofNullable(ctx.formParam("paper")).orElse("a4").strip();
    switch (paperText.toLowerCase(Locale.ROOT)) {
      case "a4" -> paper = Paper.A4;
      case "letter", "us-letter", "us_letter" -> paper = Paper.US_LETTER;
      default -> {
        pages.message(ctx, 400, "Not printed", "The paper must be a4 or letter.");
        return;
      }
    }
    int limit;
    try {
      limit =
          Integer.parseInt(
              Optional.ofNullable(ctx.formParam("limit"))
                  .orElse(Integer.toString(MAX_LETTERS))
                  .strip());
    } catch (NumberFormatException e) {
      limit = 0;
    }
    if (limit < 1 || limit > MAX_LETTERS) {
      pages.message(
          ctx,
          400,
          "Not printed",
          "The number of letters must be a whole number from 1 to " + MAX_LETTERS + ".");
      return;
    }
    if (letters.waiting() == 0) {
      pages.message(ctx, 409, "Nothing to print", "No letters wait to be printed.");
      return;
    }
    Business business = outreach.business();
    Letterhead head;
    try {
      head = LetterValues.letterhead(business, Optional.empty());
    } catch (IllegalArgumentException e) {
      pages.message(ctx, 409, "Not printed", "The letterhead in rekindle.yaml: " + e.getMessage());
      return;
    }
    LetterValues shared = new LetterValues(business, keys);
    LocalDate today = outreach.today(clock);
    Path dir;
    try {
      dir = Files.createTempDirectory("rekindle-letters");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path pdf = dir.resolve("letters.pdf");
    Path csv = dir.resolve("letters.csv");
    int max = limit;
    try {
      LetterBatch.Summary summary;
      try {
        summary =
            store
                .jdbi()
                .inTransaction(
                    h -> {
                      // LetterQueue works through the same Jdbi, whose handle scope gives it this
                      // transaction: the letters marked printed and the audit entry stand together
                      LetterBatch.Summary s =
                          letters.print(
                              max,
                              clock.instant(),
                              queued -> write(queued, shared, head, paper, today, pdf, csv));
                      AuditLog.record(
                          h,
                          user.actor(),
                          "letters.print",
                          null,
                          Map.of("letters", s.letters(), "pages", s.pages(), "paper", paperText));
                      return s;
                    });
      } catch (IllegalArgumentException e) {
        pages.message(ctx, 409, "Not printed", e.getMessage() + " Nothing was marked printed.");
        return;
      } catch (StoreException e) {
        // another batch took the letters between the count and the print
        pages.message(ctx, 409, "Nothing to print", "No letters wait to be printed.");
        return;
      }
      byte[] bytes = Files.readAllBytes(pdf);
      ctx.header("Content-Disposition", "attachment; filename=\"letters-" + today + ".pdf\"");
      ctx.header("X-Letters", Integer.toString(summary.letters()));
      ctx.contentType("application/pdf").result(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(pdf, csv, dir);
    }
  }

  private LetterBatch.Summary write(
      List<LetterQueue.QueuedLetter> queued,
      LetterValues shared,
      Letterhead head,
      Paper paper,
      LocalDate today,
      Path pdf,
      Path csv) {
    List<Letter> batch = new ArrayList<>();
    for (LetterQueue.QueuedLetter l : queued) {
      Recipient to;
      try {
        to =
            new Recipient(
                l.name(), l.line1(), l.line2(), l.city(), l.region(), l.postalCode(), l.country());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Letter " + l.id() + " to customer " + l.customerId() + ": " + e.getMessage() + ".", e);
      }
      batch.add(
          new Letter(Long.toString(l.id()), to, l.template(), shared.of(l.values(), l.customer())));
    }
    return new LetterBatch(head, outreach.letterTemplates(), paper).write(batch, today, pdf, csv);
  }

  private static void delete(Path... paths) {
    for (Path p : paths) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a temporary file left behind is the system's to clean; the answer is sent
      }
    }
  }
}
