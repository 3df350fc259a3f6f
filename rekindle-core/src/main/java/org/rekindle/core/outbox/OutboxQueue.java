package org.rekindle.core.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox's emails as a sending runner works through them. Only one runner works at a time (the
 * caller holds the store's sender lock), but it may use several workers at once.
 *
 * <p>An email is {@code queued} (or {@code retry}), then {@code claimed} in a batch, then marked
 * {@code sending} in its own committed step just before the SMTP conversation, and then {@code
 * sent}, {@code retry}, {@code failed} or {@code uncertain}. A runner that dies leaves at most the
 * emails each worker was sending as {@code sending}: the next runner's {@link #recover} makes them
 * {@code uncertain}, never queued again, and puts claimed ones back in the queue.
 */
public interface OutboxQueue {

  /**
   * What a dead runner left behind, put right.
   *
   * @param requeued claimed but never started: queued again
   * @param uncertain started but never finished: uncertain, for a person to decide
   */
  record Recovery(int requeued, int uncertain) {}

  /** Puts right what a runner that died left behind; call once before claiming. */
  Recovery recover();

  /**
   * Opens one worker's session with the queue. A worker keeps its session for its whole run and
   * uses it from one thread; every step below is committed when it returns, except {@link
   * Session#sent}, which is committed with the next one.
   *
   * @param runner a name for the claims (host, process and worker)
   */
  Session open(String runner);

  /** One worker's way into the queue: claims, and every step of an email's sending. */
  interface Session extends AutoCloseable {

    /** Claims up to {@code max} emails due by {@code now}, oldest first, for this session. */
    List<QueuedEmail> claim(int max, Instant now);

    /**
     * Marks a claimed email as being sent and commits that, after checking again that it may go:
     * consent still given and no suppression on the address. Counts the attempt.
     *
     * @return empty when it may go; otherwise why not (it is then marked suppressed and will not be
     *     sent)
     */
    Optional<String> startSending(long id);

    /**
     * A claimed email that cannot be made (its template fails, an address is malformed): failed
     * without any attempt, with the problem.
     */
    void unsendable(long id, String problem);

    /**
     * The server took it (its 250 reply). Records the contact. Committed with the session's next
     * step (usually the next email's {@link #startSending}), or on its own when the session is
     * closed: one commit for both. A crash before that leaves the email {@code sending}, so
     * uncertain, as a crash just before the call would; it is never sent again.
     */
    void sent(long id, String reply, Instant at);

    /** A temporary failure: try again from {@code notBefore}. */
    void retryLater(long id, String reply, Instant notBefore);

    /**
     * A permanent failure (or too many temporary ones): never tried again. With {@code
     * suppressAddress}, the address (refused by the server) is suppressed as bounced.
     */
    void failed(long id, String reply, boolean suppressAddress);

    /**
     * The outcome is unknown (the connection broke after sending began): for a person to decide.
     */
    void uncertain(long id, String what);

    /** Puts a claimed email back in the queue untouched (a runner stopping before starting it). */
    void release(long id);

    /** Commits a {@link #sent} not committed yet, and ends the session. */
    @Override
    void close();
  }
}
