package org.rekindle.outreach.send;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.rekindle.core.outbox.OutboxQueue;
import org.rekindle.core.outbox.QueuedEmail;
import org.rekindle.core.playbook.Business;
import org.rekindle.outreach.email.Delivery;
import org.rekindle.outreach.email.Email;
import org.rekindle.outreach.email.EmailChannel;
import org.rekindle.outreach.template.MessageTemplates;
import org.rekindle.outreach.template.TemplateException;
import org.rekindle.outreach.unsubscribe.UnsubscribeTokens;

/**
 * Sends what the outbox holds, until nothing is due: each worker claims a small batch, and for each
 * email makes the message, marks it {@code sending} (committed), hands it to its channel and
 * records the outcome. A temporary failure is retried later with exponential backoff and jitter, up
 * to a number of attempts; a refused recipient is suppressed; an outcome SMTP cannot tell is left
 * uncertain, for a person. One bad address costs only its own message.
 *
 * <p>The caller must hold the store's sender lock, so only one runner works at a time.
 */
public final class OutboxSender {

  /**
   * How the runner works.
   *
   * @param workers emails sent at once, each over its own connection
   * @param batch emails a worker claims at a time
   * @param maxAttempts tries before a temporary failure becomes a permanent one
   * @param firstRetry the wait after the first temporary failure; doubled after each
   * @param longestRetry the longest wait between tries
   */
  public record Settings(
      int workers, int batch, int maxAttempts, Duration firstRetry, Duration longestRetry) {
    public static final Settings DEFAULT =
        new Settings(4, 20, 8, Duration.ofMinutes(5), Duration.ofHours(6));

    public Settings {
      if (workers < 1 || workers > 64) {
        throw new IllegalArgumentException("workers must be between 1 and 64");
      }
      if (batch < 1) {
        throw new IllegalArgumentException("a batch is at least 1 email");
      }
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("at least 1 attempt");
      }
      Objects.requireNonNull(firstRetry, "firstRetry");
      Objects.requireNonNull(longestRetry, "longestRetry");
    }
  }

  /**
   * What a runner did.
   *
   * @param recovery what the previous runner left behind, put right
   * @param suppressed emails not sent because consent was withdrawn or the address suppressed since
   *     they were queued
   * @param unsendable emails that could not be made (a template error, a bad address)
   */
  public record Report(
      OutboxQueue.Recovery recovery,
      int sent,
      int retrying,
      int failed,
      int uncertain,
      int suppressed,
      int unsendable) {
    public int handled() {
      return sent + retrying + failed + uncertain + suppressed + unsendable;
    }
  }

  private final OutboxQueue queue;
  private final Supplier<EmailChannel> channels;
  private final MessageTemplates templates;
  private final UnsubscribeTokens unsubscribe;
  private final UnsubscribeTokens surveys;
  private final Business business;
  private final Clock clock;
  private final Settings settings;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param channels makes one channel per worker (closed at the end when it is {@link
   *     AutoCloseable})
   */
  public OutboxSender(
      OutboxQueue queue,
      Supplier<EmailChannel> channels,
      MessageTemplates templates,
      UnsubscribeTokens unsubscribe,
      UnsubscribeTokens surveys,
      Business business,
      Clock clock,
      Settings settings) {
    this.queue = queue;
    this.channels = channels;
    this.templates = templates;
    this.unsubscribe = unsubscribe;
    this.surveys = surveys;
    this.business = business;
    this.clock = clock;
    this.settings = settings;
  }

  private static final class Counts {
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger retrying = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger uncertain = new AtomicInteger();
    final AtomicInteger suppressed = new AtomicInteger();
    final AtomicInteger unsendable = new AtomicInteger();

    Report report(OutboxQueue.Recovery recovery) {
      return new Report(
          recovery,
          sent.get(),
          retrying.get(),
          failed.get(),
          uncertain.get(),
          suppressed.get(),
          unsendable.get());
    }
  }

  /**
   * Sends everything due, then returns.
   *
   * @param runner a name for the claims (host and process)
   * @param progress told the counts after every batch, from the workers' threads
   */
  public Report drain(String runner, Consumer<Report> progress) {
    OutboxQueue.Recovery recovery = queue.recover();
    Counts counts = new Counts();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            settings.workers(),
            r -> {
              Thread t = new Thread(r, "rekindle-sender");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < settings.workers(); i++) {
        String name = runner + "/" + i;
        workers.add(pool.submit(() -> work(name, counts, recovery, progress)));
      }
      for (Future<?> w : workers) {
        try {
          w.get();
        } catch (ExecutionException e) {
          pool.shutdownNow();
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException("a sending worker failed", cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          pool.shutdownNow();
          throw new IllegalStateException("interrupted while sending", e);
        }
      }
    } finally {
      pool.shutdown();
    }
    return counts.report(recovery);
  }

  private void work(
      String name, Counts counts, OutboxQueue.Recovery recovery, Consumer<Report> progress) {
    EmailChannel channel = channels.get();
    try (OutboxQueue.Session session = queue.open(name)) {
      while (true) {
        List<QueuedEmail> batch = session.claim(settings.batch(), clock.instant());
        if (batch.isEmpty()) {
          return;
        }
        for (int i = 0; i < batch.size(); i++) {
          if (Thread.currentThread().isInterrupted()) {
            for (QueuedEmail left : batch.subList(i, batch.size())) {
              session.release(left.id());
            }
            return;
          }
          send(batch.get(i), session, channel, counts);
        }
        progress.accept(counts.report(recovery));
      }
    } finally {
      if (channel instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          // closing a connection after the work is done: nothing is lost
        }
      }
    }
  }

  private void send(
      QueuedEmail queued, OutboxQueue.Session session, EmailChannel channel, Counts counts) {
    Email email;
    try {
      email = make(queued);
    } catch (TemplateException | IllegalArgumentException e) {
      session.unsendable(queued.id(), "cannot make the message: " + e.getMessage());
      counts.unsendable.incrementAndGet();
      return;
    }
    Optional<String> refused = session.startSending(queued.id());
    if (refused.isPresent()) {
      counts.suppressed.incrementAndGet();
      return;
    }
    Delivery delivery = channel.send(email);
    if (delivery instanceof Delivery.Sent s) {
      session.sent(queued.id(), s.reply(), clock.instant());
      counts.sent.incrementAndGet();
    } else if (delivery instanceof Delivery.TemporaryFailure t) {
      int attempts = queued.attempts() + 1;
      String reply = t.code() + " " + t.reply();
      if (attempts >= settings.maxAttempts()) {
        session.failed(queued.id(), "gave up after " + attempts + " tries: " + reply, false);
        counts.failed.incrementAndGet();
      } else {
        session.retryLater(queued.id(), reply, clock.instant().plus(backoff(attempts)));
        counts.retrying.incrementAndGet();
      }
    } else if (delivery instanceof Delivery.PermanentFailure p) {
      session.failed(queued.id(), p.code() + " " + p.reply(), p.recipientRefused());
      counts.failed.incrementAndGet();
    } else if (delivery instanceof Delivery.Uncertain u) {
      session.uncertain(queued.id(), u.what());
      counts.uncertain.incrementAndGet();
    } else {
      throw new IllegalStateException("unknown delivery outcome " + delivery);
    }
  }

  /**
   * The wait after the {@code attempts}-th failure: the first retry's wait doubled for each earlier
   * failure, capped, then a random share of it between one half and the whole ("equal jitter"), so
   * retries from one outage spread out instead of arriving together.
   */
  Duration backoff(int attempts) {
    long first = settings.firstRetry().toMillis();
    long cap = settings.longestRetry().toMillis();
    long wait = first;
    for (int i = 1; i < attempts && wait < cap; i++) {
      wait *= 2;
    }
    wait = Math.min(wait, cap);
    long half = wait / 2;
    return Duration.ofMillis(half + (long) (random.nextDouble() * (wait - half + 1)));
  }

  /** The message of a queued email: its template with its values, the business and the links. */
  Email make(QueuedEmail queued) {
    Map<String, Object> values = new LinkedHashMap<>(queued.values());
    values.put("business_name", business.name());
    values.put("business_phone", business.phone().orElse(""));
    String unsubscribeUrl = business.link("u", unsubscribe.token(queued.customer()));
    values.put("unsubscribe_url", unsubscribeUrl);
    values.put("survey_url", business.link("s", surveys.token(queued.customer())));
    MessageTemplates.Rendered rendered = templates.render(queued.template(), values);
    Map<String, String> headers = new LinkedHashMap<>();
    business.replyTo().ifPresent(r -> headers.put("Reply-To", r));
    // RFC 2369 and RFC 8058: a one-click unsubscribe the mail program can offer
    headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
    headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    return new Email(
        queued.messageId(),
        new Email.Mailbox(business.name(), business.fromEmail()),
        new Email.Mailbox(queued.recipientName(), queued.address()),
        queued.subject().orElse(rendered.subject()),
        rendered.text(),
        Optional.of(rendered.html()),
        headers);
  }
}
