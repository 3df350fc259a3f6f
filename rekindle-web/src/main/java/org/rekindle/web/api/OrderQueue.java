package org.rekindle.web.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.rekindle.store.access.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single orders posted to the API, stored together: one worker takes every order waiting and merges
 * them in one transaction ({@link OrderMerge}), then answers each request with its own outcome.
 * While one merge runs the next requests gather, so under load a merge carries many orders and
 * commits once (a commit waits for the disk); alone, an order is stored at once.
 *
 * <p>Each order is stored as if it were alone: a merge never holds two orders with the same id (the
 * later waits for the next merge), so the file's rule for a repeated id — the first row counts —
 * never applies between two requests.
 */
final class OrderQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OrderQueue.class);

  /** At most this many orders in one merge. */
  static final int MAX_BATCH = 2_000;

  /** At most this many orders waiting; past it a request is refused with 503. */
  static final int CAPACITY = 20_000;

  /** One order waiting, its caller's name for the audit log, and its answer to come. */
  record Pending(OrderIngest.Row row, String actor, CompletableFuture<Answer> answer) {}

  /**
   * One order's outcome: {@code inserted}, {@code updated}, {@code unchanged}, or {@code rejected}
   * with the reason; the import batch that carried it.
   */
  record Answer(String outcome, Optional<String> reason, long batchId) {}

  private final OrderMerge merge;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final ArrayDeque<Pending> held = new ArrayDeque<>();
  private final Thread worker;
  private volatile boolean open = true;

  OrderQueue(OrderMerge merge) {
    this.merge = merge;
    this.worker = new Thread(this::work, "rekindle-api-orders");
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * Queues an order.
   *
   * @throws ApiException 503 when too many orders are waiting
   */
  CompletableFuture<Answer> submit(OrderIngest.Row row, String actor) {
    Pending p = new Pending(row, actor, new CompletableFuture<>());
    if (!open || !queue.offer(p)) {
      throw new ApiException(
          503, "busy", "too many orders are waiting to be stored: try again in a moment");
    }
    return p.answer();
  }

  private void work() {
    while (open || !queue.isEmpty()) {
      List<Pending> batch;
      try {
        batch = next();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (batch.isEmpty()) {
        continue;
      }
      try {
        long start = System.nanoTime();
        importBatch(batch);
        LOG.debug(
            "{} orders imported in {} ms", batch.size(), (System.nanoTime() - start) / 1_000_000);
      } catch (RuntimeException e) {
        LOG.error("importing {} orders failed", batch.size(), e);
        for (Pending p : batch) {
          p.answer().completeExceptionally(e);
        }
      }
    }
    ApiException closed = new ApiException(503, "busy", "the server is stopping");
    held.forEach(p -> p.answer().completeExceptionally(closed));
    queue.forEach(p -> p.answer().completeExceptionally(closed));
  }

  /** The orders held back last time, then every order waiting, one per order id. */
  private List<Pending> next() throws InterruptedException {
    List<Pending> candidates = new ArrayList<>(held);
    held.clear();
    if (candidates.isEmpty()) {
      Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
      if (first == null) {
        return List.of();
      }
      candidates.add(first);
    }
    queue.drainTo(candidates, MAX_BATCH - candidates.size());
    List<Pending> batch = new ArrayList<>(candidates.size());
    Set<String> ids = new HashSet<>();
    for (Pending p : candidates) {
      if (ids.add(p.row().orderId().orElseThrow())) {
        batch.add(p);
      } else {
        held.add(p);
      }
    }
    return batch;
  }

  private void importBatch(List<Pending> batch) {
    List<OrderIngest.Row> rows = batch.stream().map(Pending::row).toList();
    OrderMerge.Merged merged =
        merge.merge(
            rows,
            (h, batchId) -> {
              // one entry per caller per merge, naming the orders it posted
              Map<String, List<String>> byActor = new LinkedHashMap<>();
              for (Pending p : batch) {
                byActor
                    .computeIfAbsent(p.actor(), a -> new ArrayList<>())
                    .add(p.row().orderId().orElseThrow());
              }
              byActor.forEach(
                  (actor, orders) ->
                      AuditLog.record(
                          h,
                          actor,
                          "order.ingest",
                          "import batch " + batchId,
                          Map.of("orders", orders)));
            });
    for (int i = 0; i < batch.size(); i++) {
      batch
          .get(i)
          .answer()
          .complete(
              new Answer(merged.outcomes().get(i), merged.rejects().get(i), merged.batchId()));
    }
  }

  /** Stops taking orders; those waiting are imported first. */
  @Override
  public void close() {
    open = false;
    try {
      worker.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
