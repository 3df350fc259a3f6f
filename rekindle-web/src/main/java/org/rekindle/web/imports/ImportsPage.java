package org.rekindle.web.imports;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.util.MultipartUtil;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.input.ColumnMapping;
import org.rekindle.core.input.CustomerFileReader;
import org.rekindle.core.input.FeedbackFileReader;
import org.rekindle.core.input.FileKind;
import org.rekindle.core.input.InputException;
import org.rekindle.core.input.OrderFileReader;
import org.rekindle.core.input.RatingScale;
import org.rekindle.core.playbook.ServiceRecovery;
import org.rekindle.core.text.Cells;
import org.rekindle.store.Store;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.feedback.FeedbackImporter;
import org.rekindle.store.imports.CustomerImporter;
import org.rekindle.store.imports.ImportBatch;
import org.rekindle.store.imports.ImportBatches;
import org.rekindle.store.imports.OrderImporter;
import org.rekindle.web.Navigation;
import org.rekindle.web.Pages;
import org.rekindle.web.auth.Access;
import org.rekindle.web.auth.Guard;

/**
 * {@code /imports}: a manager uploads a CSV of customers, orders or feedback (the kind chosen, or
 * told from its header by {@link FileKind}); it is imported in the background by the same importers
 * as {@code rekindle import}, the page polls its progress every second, then shows the counts and
 * the rejected rows with their line and reason, all of them downloadable as CSV. Past imports are
 * listed from the store's import batches, the CLI's among them.
 *
 * <p>The upload is the one request body larger than {@link org.rekindle.web.WebApp#MAX_BODY}: this
 * route alone takes up to {@link #MAX_UPLOAD}, streamed by the server to a temporary file, never
 * held in memory.
 */
public final class ImportsPage {
  static final String PATH = "/imports";

  /** The largest file taken: about a million orders. */
  public static final long MAX_UPLOAD = 100L * 1024 * 1024;

  /** The form's fields besides the file take a few kilobytes at most. */
  private static final long MAX_FIELDS = 64 * 1024;

  /** How many past imports the page lists. */
  static final int SHOWN_BATCHES = 30;

  private static final Pattern UNSAFE_NAME = Pattern.compile("[^A-Za-z0-9._-]");
  private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");

  private final Store store;
  private final Pages pages;
  private final ImportRunner runner;
  private final Clock clock;
  private final MultipartConfigElement uploads;

  public ImportsPage(Store store, Pages pages) {
    this.store = store;
    this.pages = pages;
    this.clock = Clock.systemUTC();
    this.runner = new ImportRunner(store, new AuditLog(store.jdbi()), clock);
    // every part goes to a temporary file at once (threshold 0): an upload is never in memory
    this.uploads =
        new MultipartConfigElement(
            System.getProperty("java.io.tmpdir"), MAX_UPLOAD, MAX_UPLOAD + MAX_FIELDS, 0);
  }

  /** Adds the routes and the menu entry. */
  public void routes(RoutesConfig routes, Navigation menu) {
    // before the guard reads the form's CSRF token, which parses the body: this route's limit
    routes.before(PATH, this::allowUpload);
    routes.get(PATH, ctx -> show(ctx, 200, null, Map.of()), Access.MANAGER);
    routes.post(PATH, this::upload, Access.MANAGER);
    routes.get(PATH + "/progress", this::progress, Access.MANAGER);
    routes.get(PATH + "/{batch}", this::batch, Access.MANAGER);
    routes.get(PATH + "/{batch}/rejects.csv", this::rejectsCsv, Access.MANAGER);
    menu.add("Imports", PATH, Access.MANAGER);
  }

  private void allowUpload(Context ctx) {
    if (ctx.method() != HandlerType.POST) {
      return;
    }
    long length = ctx.contentLength();
    if (length > MAX_UPLOAD + MAX_FIELDS) {
      // refused before a byte of it is read
      ctx.status(413)
          .result(
              "The file is larger than "
                  + MAX_UPLOAD / (1024 * 1024)
                  + " MiB: split it into smaller files, or use 'rekindle import' on the server.");
      ctx.skipRemainingHandlers();
      return;
    }
    ctx.req().setAttribute(MultipartUtil.MULTIPART_CONFIG_ATTRIBUTE, uploads);
  }

  private void show(Context ctx, int status, @Nullable String problem, Map<String, String> form) {
    Map<String, Object> params = new HashMap<>();
    params.put("job", runner.latest().map(j -> j.view(this::rejectsOf)).orElse(null));
    params.put("problem", problem == null ? "" : problem);
    params.put("form", form);
    params.put("currency", form.getOrDefault("currency", storedCurrency()));
    params.put("batches", ImportBatches.recent(store.jdbi(), SHOWN_BATCHES));
    params.put("maxUpload", MAX_UPLOAD / (1024 * 1024) + " MiB");
    pages.dashboard(ctx, status, "imports/page.jte", params);
  }

  /** The currency of the stored orders (one store, one currency), else USD as the CLI's. */
  private String storedCurrency() {
    return store
        .jdbi()
        .withHandle(
            h -> h.select("SELECT currency FROM orders LIMIT 1").mapTo(String.class).findOne())
        .orElse("USD");
  }

  private JobView.Rejects rejectsOf(long batchId) {
    long total = ImportBatches.find(store.jdbi(), batchId).map(ImportBatch::rejected).orElse(0L);
    return new JobView.Rejects(
        ImportBatches.rejects(store.jdbi(), batchId, JobView.SHOWN_REJECTS), total);
  }

  private void progress(Context ctx) {
    Map<String, Object> params = new HashMap<>();
    params.put("job", runner.latest().map(j -> j.view(this::rejectsOf)).orElse(null));
    pages.render(ctx, 200, "imports/progress.jte", params);
  }

  /** The form's choices, read and checked before the file is looked at. */
  private record Choices(
      String kind,
      double maxRejects,
      Optional<String> dateFormat,
      Optional<String> columns,
      String currency,
      RatingScale scale) {}

  private void upload(Context ctx) throws IOException, ServletException {
    Map<String, String> form = new LinkedHashMap<>();
    for (String f : List.of("kind", "max_rejects", "date_format", "columns", "currency", "scale")) {
      form.put(f, field(ctx, f));
    }
    Choices choices;
    try {
      choices = choices(form);
    } catch (IllegalArgumentException e) {
      show(ctx, 400, e.getMessage(), form);
      return;
    }
    String type = ctx.contentType();
    if (type == null || !type.startsWith("multipart/form-data")) {
      // a file comes only as a multipart form; anything else has none to read
      show(ctx, 400, "Choose a file to import.", form);
      return;
    }
    Part part = ctx.req().getPart("file");
    if (part == null
        || part.getSubmittedFileName() == null
        || part.getSubmittedFileName().isBlank()) {
      show(ctx, 400, "Choose a file to import.", form);
      return;
    }
    String name = part.getSubmittedFileName();
    if (part.getSize() == 0) {
      show(ctx, 400, "The file " + name + " is empty.", form);
      return;
    }
    Path dir = Files.createTempDirectory("rekindle-upload-");
    Path file = dir.resolve(safeName(name));
    boolean started = false;
    try {
      // the server streamed the part to a temporary file: moved, not copied, where it can
      part.write(file.toAbsolutePath().toString());
      FileKind kind;
      ImportRunner.Work work;
      try {
        kind = kind(choices.kind(), file, name);
        work = work(kind, choices, name);
      } catch (InputException e) {
        show(ctx, 400, shown(e.getMessage(), file, name), form);
        return;
      }
      try {
        runner.start(kind, file, name, Guard.user(ctx).actor(), work);
        started = true;
      } catch (ImportRunner.BusyException e) {
        show(
            ctx,
            409,
            "An import is running ("
                + e.running.originalName
                + ", started by "
                + e.running.actor
                + "): wait for it to end, then upload "
                + name
                + " again.",
            form);
        return;
      }
      ctx.redirect(PATH, HttpStatus.SEE_OTHER);
    } finally {
      if (!started) {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    }
  }

  private static Choices choices(Map<String, String> form) {
    String kind = form.getOrDefault("kind", "").isEmpty() ? "auto" : form.getOrDefault("kind", "");
    if (!List.of("auto", "customers", "orders", "feedback").contains(kind)) {
      throw new IllegalArgumentException(
          "Choose what the file holds: customers, orders, feedback, or let the header tell.");
    }
    double maxRejects;
    String share =
        form.getOrDefault("max_rejects", "").isEmpty() ? "1" : form.getOrDefault("max_rejects", "");
    try {
      maxRejects = Double.parseDouble(share.replace(',', '.')) / 100;
    } catch (NumberFormatException e) {
      maxRejects = Double.NaN;
    }
    if (!(maxRejects >= 0 && maxRejects <= 1)) {
      throw new IllegalArgumentException(
          "The share of bad rows allowed must be a percentage from 0 to 100, not '" + share + "'.");
    }
    String currency =
        form.getOrDefault("currency", "").isEmpty() ? "USD" : form.getOrDefault("currency", "");
    if (!CURRENCY.matcher(currency).matches()) {
      throw new IllegalArgumentException(
          "The currency must be a three-letter code such as EUR or USD, not '" + currency + "'.");
    }
    RatingScale scale;
    try {
      scale =
          RatingScale.of(
              form.getOrDefault("scale", "").isEmpty()
                  ? 5
                  : Integer.parseInt(form.getOrDefault("scale", "")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("The rating scale must be 5, 10 or 100.", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The rating scale must be 5, 10 or 100.", e);
    }
    return new Choices(
        kind,
        maxRejects,
        optional(form.getOrDefault("date_format", "")),
        optional(form.getOrDefault("columns", "")),
        currency.toUpperCase(Locale.ROOT),
        scale);
  }

  /** The kind chosen, or the one the header tells. */
  private static FileKind kind(String chosen, Path file, String name) {
    return switch (chosen) {
      case "customers" -> FileKind.CUSTOMERS;
      case "orders" -> FileKind.ORDERS;
      case "feedback" -> FileKind.FEEDBACK;
      default ->
          FileKind.detect(file)
              .orElseThrow(
                  () ->
                      new InputException(
                          "The header of "
                              + name
                              + " does not tell whether it holds customers, orders or feedback"
                              + " (no column with a usual name such as customer, date, amount,"
                              + " rating or email): choose what it holds, and map its columns if"
                              + " their names are not the usual ones."));
    };
  }

  /**
   * The import itself, its readers set up from the form's choices.
   *
   * @throws InputException if the column mapping cannot be read
   */
  private ImportRunner.Work work(FileKind kind, Choices c, String name) {
    return switch (kind) {
      case CUSTOMERS -> {
        CustomerFileReader.Builder reader = CustomerFileReader.builder();
        c.columns().ifPresent(reader::columns);
        c.dateFormat().ifPresent(reader::dateFormat);
        yield job ->
            new CustomerImporter(store, reader.progress(job), c.maxRejects()).importFile(job.file);
      }
      case ORDERS -> {
        OrderFileReader.Builder reader = OrderFileReader.builder();
        c.columns().ifPresent(m -> reader.columns(ColumnMapping.parse(m)));
        c.dateFormat().ifPresent(reader::dateFormat);
        yield job ->
            new OrderImporter(store, reader.progress(job), c.maxRejects(), c.currency(), job::stage)
                .importFile(job.file);
      }
      case FEEDBACK -> {
        FeedbackFileReader.Builder reader = FeedbackFileReader.builder().scale(c.scale());
        c.columns().ifPresent(reader::columns);
        c.dateFormat().ifPresent(reader::dateFormat);
        Duration sla = ServiceRecovery.DEFAULT.firstContactWithin();
        yield job ->
            new FeedbackImporter(store, reader.progress(job), c.maxRejects(), name, sla, clock)
                .importFile(job.file)
                .result();
      }
    };
  }

  private void batch(Context ctx) {
    Optional<ImportBatch> batch = batchOf(ctx);
    if (batch.isEmpty()) {
      pages.notFound(ctx);
      return;
    }
    Map<String, Object> params = new HashMap<>();
    params.put("batch", batch.get());
    params.put("rejects", rejectsOf(batch.get().id()));
    pages.dashboard(ctx, 200, "imports/batch.jte", params);
  }

  /**
   * All the rejected rows of a batch as CSV: file, line, reason, row. Every text cell is quoted,
   * and one that a spreadsheet would run as a formula is neutralised ({@link Cells#csv}).
   */
  private void rejectsCsv(Context ctx) throws IOException {
    Optional<ImportBatch> batch = batchOf(ctx);
    if (batch.isEmpty()) {
      pages.notFound(ctx);
      return;
    }
    long id = batch.get().id();
    String file = fileName(batch.get().fileName());
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"import-" + id + "-rejects.csv\"");
    Writer out =
        new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
    out.write("file,line,reason,row\r\n");
    ImportBatches.forEachReject(
        store.jdbi(),
        id,
        r -> {
          try {
            out.write(
                String.join(
                    ",",
                    Cells.csv(file),
                    Long.toString(r.line()),
                    Cells.csv(r.reason()),
                    Cells.csv(r.raw())));
            out.write("\r\n");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    out.flush();
  }

  private Optional<ImportBatch> batchOf(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("batch"));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ImportBatches.find(store.jdbi(), id);
  }

  /** The name of a batch's file without its directory (an upload's is a temporary one). */
  public static String fileName(String path) {
    Path p = Path.of(path).getFileName();
    return p == null ? path : p.toString();
  }

  /** A name for the kept upload that cannot leave its directory or surprise a shell. */
  static String safeName(String submitted) {
    String base =
        submitted.substring(Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\')) + 1);
    String safe = UNSAFE_NAME.matcher(base).replaceAll("_");
    if (safe.length() > 100) {
      safe = safe.substring(safe.length() - 100);
    }
    return safe.isEmpty() || safe.startsWith(".") ? "upload" + safe : safe;
  }

  private static String shown(@Nullable String message, Path file, String name) {
    return message == null
        ? ""
        : message
            .replace(file.toAbsolutePath().normalize().toString(), name)
            .replace(file.toString(), name);
  }

  private static Optional<String> optional(String s) {
    return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }

  private static String field(Context ctx, String name) {
    return Optional.ofNullable(ctx.formParam(name)).orElse("").strip();
  }
}
