package org.rekindle.web.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.rekindle.core.input.FileKind;
import org.rekindle.core.input.InputException;
import org.rekindle.core.input.ProgressListener;
import org.rekindle.store.Store;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.imports.ImportBatch;
import org.rekindle.store.imports.ImportBatches;
import org.rekindle.store.imports.ImportResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the dashboard's imports on a thread of their own, one at a time: a second upload while one
 * runs is refused ({@link BusyException}), not queued, so nobody waits on a file they cannot see.
 * The uploaded file is kept until its import ends, then deleted with its directory. How it ended
 * goes into the audit log under the user who uploaded it.
 */
final class ImportRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);

  private final Store store;
  private final AuditLog audit;
  private final Clock clock;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "rekindle-import");
            // an import under way does not keep the server from stopping: its batch stays
            // "running" in the store, which says it did not finish
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong ids = new AtomicLong();
  private @Nullable Job latest;

  ImportRunner(Store store, AuditLog audit, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /** Another import is running: this one was not started. */
  static final class BusyException extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Job running;

    BusyException(Job running) {
      super("an import is running");
      this.running = running;
    }
  }

  /**
   * What one import does, given the listener to tell of its progress and the stage it is at. Throws
   * {@link InputException} when the file is refused.
   */
  interface Work {
    ImportResult run(Job job);
  }

  /**
   * Starts an import of an uploaded file, which is deleted, with its directory, when the import
   * ends.
   *
   * @param originalName the file's name on the user's machine, which messages use
   * @throws BusyException if an import is running (the file is left to the caller)
   */
  synchronized Job start(FileKind kind, Path upload, String originalName, String actor, Work work)
      throws BusyException {
    if (latest != null && latest.running()) {
      throw new BusyException(latest);
    }
    Job job = new Job(ids.incrementAndGet(), kind, upload, originalName, actor, clock.instant());
    latest = job;
    worker.execute(() -> run(job, work));
    return job;
  }

  /** The import running, or the last one to end since the server started. */
  synchronized Optional<Job> latest() {
    return Optional.ofNullable(latest);
  }

  private void run(Job job, Work work) {
    try {
      ImportResult r = work.run(job);
      job.end("completed", r.batchId(), r, null);
    } catch (InputException e) {
      job.end("refused", batchOf(job), null, job.shown(e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("the import of {} failed", job.originalName, e);
      job.end("failed", batchOf(job), null, job.shown(String.valueOf(e.getMessage())));
    } finally {
      delete(job.file.toAbsolutePath().getParent());
      record(job);
    }
  }

  /**
   * The batch the store recorded for this job's file, if it got that far: the upload's path is
   * unique, and the batch keeps it.
   */
  private @Nullable Long batchOf(Job job) {
    String name = job.file.toAbsolutePath().normalize().toString();
    try {
      return ImportBatches.recent(store.jdbi(), 20).stream()
          .filter(b -> b.fileName().equals(name))
          .map(ImportBatch::id)
          .findFirst()
          .orElse(null);
    } catch (RuntimeException e) {
      LOG.warn("cannot find the batch of the import of {}", job.originalName, e);
      return null;
    }
  }

  private void record(Job job) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("file", job.originalName);
    detail.put("kind", job.kind.label());
    detail.put("status", job.status);
    ImportResult r = job.result;
    if (r != null) {
      detail.put("rows_read", r.rowsRead());
      detail.put("inserted", r.inserted());
      detail.put("updated", r.updated());
      detail.put("unchanged", r.unchanged());
      detail.put("rejected", r.rejected());
    }
    if (job.message != null) {
      detail.put("message", job.message);
    }
    Long batch = job.batchId;
    try {
      audit.record(
          job.actor,
          "import." + job.kind.label(),
          batch == null ? null : "import batch " + batch,
          detail);
    } catch (RuntimeException e) {
      LOG.error("cannot record the import of {} in the audit log", job.originalName, e);
    }
  }

  private static void delete(@Nullable Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warn("cannot delete the uploaded file in {}: {}", dir, e.toString());
    }
  }

  /**
   * One import: what the page shows while it runs (bytes and rows read, rows rejected, the stage)
   * and after (how it ended, its counts, why it stopped). Written by the import's thread, read by
   * the pages'.
   */
  static final class Job implements ProgressListener {
    final long id;
    final FileKind kind;
    final Path file;
    final String originalName;
    final String actor;
    final Instant startedAt;
    private volatile long bytesRead;
    private volatile long totalBytes = -1;
    private volatile long rowsRead;
    private volatile long rowsRejected;
    private volatile @Nullable String stage;
    private volatile String status = "running";
    private volatile @Nullable Long batchId;
    private volatile @Nullable ImportResult result;
    private volatile @Nullable String message;

    Job(long id, FileKind kind, Path file, String originalName, String actor, Instant startedAt) {
      this.id = id;
      this.kind = kind;
      this.file = file;
      this.originalName = originalName;
      this.actor = actor;
      this.startedAt = startedAt;
    }

    @Override
    public void progress(long bytesRead, long totalBytes) {
      this.bytesRead = bytesRead;
      this.totalBytes = totalBytes;
    }

    @Override
    public void rows(long read, long rejected) {
      this.rowsRead = read;
      this.rowsRejected = rejected;
    }

    /** The importer's stage after reading, such as "merging". */
    void stage(String stage) {
      this.stage = stage;
    }

    private void end(
        String status,
        @Nullable Long batchId,
        @Nullable ImportResult result,
        @Nullable String message) {
      this.batchId = batchId;
      this.result = result;
      this.message = message;
      this.status = status;
    }

    /** A message about the uploaded file with its name on the user's machine, not the server's. */
    String shown(@Nullable String text) {
      if (text == null) {
        return "";
      }
      return text.replace(file.toAbsolutePath().normalize().toString(), originalName)
          .replace(file.toString(), originalName);
    }

    boolean running() {
      return status.equals("running");
    }

    /** A snapshot for the page. */
    JobView view(Function<Long, JobView.Rejects> rejects) {
      String s = status;
      Long batch = batchId;
      String st = stage;
      boolean reading = st == null && (totalBytes <= 0 || bytesRead < totalBytes);
      return new JobView(
          id,
          kind.label(),
          originalName,
          actor,
          startedAt,
          s,
          reading ? "Reading the file" : st != null ? capitalised(st) : "Saving into the store",
          reading && totalBytes > 0 ? Math.min(1000, 1000 * bytesRead / totalBytes) : -1,
          rowsRead,
          rowsRejected,
          Optional.ofNullable(result),
          Optional.ofNullable(message),
          Optional.ofNullable(batch),
          batch == null || s.equals("running") ? JobView.Rejects.NONE : rejects.apply(batch));
    }

    private static String capitalised(String s) {
      return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
  }
}
