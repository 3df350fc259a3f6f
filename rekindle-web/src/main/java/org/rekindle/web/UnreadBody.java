package org.rekindle.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Reads and throws away what a handler left of a request's body, before the answer goes out.
 *
 * <p>A request refused without reading its body (a 413 from the declared length, a 401, a form
 * without its CSRF token) would otherwise end with the server closing a connection that still holds
 * unread bytes. TCP answers that with a reset, and a reset makes the client's system discard the
 * answer it had not yet read: the client sees "connection reset" or "broken pipe" instead of the
 * 413 that explains. Web servers call the remedy a lingering close; this is it, bounded twice:
 *
 * <ul>
 *   <li>a body declared longer than {@link #MAX_BYTES} is not read at all (the connection closes),
 *       nor is more than that read of a body of unknown length;
 *   <li>reading stops after {@link #MAX_TIME}, so a client sending slowly cannot hold a thread.
 * </ul>
 *
 * <p>It runs as the last step of every request ({@link #after}), which handlers that skip the rest
 * of the chain do not skip.
 */
final class UnreadBody {
  /** The most read and discarded: the largest body taken anywhere (an upload) and some. */
  static final long MAX_BYTES = 128L * 1024 * 1024;

  /** The longest spent reading and discarding. */
  static final Duration MAX_TIME = Duration.ofSeconds(10);

  private UnreadBody() {}

  /**
   * Discards what is left of this request's body, within the bounds; never throws. A body refused
   * as too large also ends its connection, and the answer says so ({@code Connection: close}):
   * Jetty drops a connection whose request failed mid-body (a multipart form over its limit), and a
   * client not told would send its next request down it and get no answer.
   */
  static void after(Context ctx) {
    if (ctx.statusCode() == 413 && !ctx.res().isCommitted()) {
      ctx.header("Connection", "close");
    }
    long declared = ctx.req().getContentLengthLong();
    boolean chunked = ctx.header("Transfer-Encoding") != null;
    if (declared == 0 || (declared < 0 && !chunked) || declared > MAX_BYTES) {
      return;
    }
    try {
      discard(ctx.req().getInputStream(), MAX_BYTES, System.nanoTime() + MAX_TIME.toNanos());
    } catch (IOException | RuntimeException e) {
      // the client went, or the stream was already failed by a parser: nothing left to keep open
    }
  }

  /** Reads {@code in} to its end, or until {@code limit} bytes or the deadline; the bytes read. */
  static long discard(InputStream in, long limit, long deadlineNanos) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    while (total < limit && System.nanoTime() - deadlineNanos < 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }
}
