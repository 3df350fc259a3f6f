package org.rekindle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rekindle.store.access.ApiKeys;
import org.rekindle.web.api.Api;

/**
 * A request refused before its body is read still gets its answer: the server reads the body to its
 * end first. Each request here is written over a plain socket, far larger than the system's socket
 * buffers, so a server that answered and closed without reading would make the write fail every
 * time, not now and then.
 */
class UnreadBodyTest {
  @TempDir static Path home;
  static DashboardServer server;
  static String key;

  @BeforeAll
  static void start() {
    server = new DashboardServer(home);
    key = new ApiKeys(server.store.jdbi()).create("till-1", "cli").secret();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aBulkBodyDeclaredOverTheLimit_isReadToItsEnd_thenRefusedAs413() throws Exception {
    byte[] body = spaces((int) Api.MAX_BULK_BODY + 1);
    Answer a =
        post(
            "/api/v1/orders/bulk",
            "Authorization: Bearer " + key + "\r\nContent-Type: text/csv\r\n",
            body,
            false);
    assertThat(a.writeFailure).as("the body could be sent whole").isNull();
    assertThat(a.status).as(a.head).isEqualTo(413);
    assertThat(a.head).contains("too_large").containsIgnoringCase("Connection: close");
  }

  @Test
  void aChunkedBodyWithoutItsKey_isReadToItsEnd_thenRefusedAs401() throws Exception {
    Answer a =
        post(
            "/api/v1/orders/bulk",
            "Content-Type: application/json\r\n",
            spaces(16 * 1024 * 1024),
            true);
    assertThat(a.writeFailure).as("the body could be sent whole").isNull();
    assertThat(a.status).as(a.head).isEqualTo(401);
  }

  @Test
  void aMultipartFormOverTheLimit_isReadToItsEnd_thenRefusedAs413() throws Exception {
    String boundary = "rekindle-test-boundary";
    byte[] head =
        ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"login\"\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(head);
    body.write(spaces(16 * 1024 * 1024));
    body.write(tail);
    Answer a =
        post(
            "/login",
            "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n",
            body.toByteArray(),
            false);
    assertThat(a.writeFailure).as("the body could be sent whole").isNull();
    assertThat(a.status).as(a.head).isEqualTo(413);
  }

  @Test
  void aPlainFormOverTheLimit_isReadToItsEnd_thenRefusedAs413() throws Exception {
    byte[] body = spaces(16 * 1024 * 1024);
    body[0] = 'a';
    body[1] = '=';
    Answer a = post("/login", "Content-Type: application/x-www-form-urlencoded\r\n", body, false);
    assertThat(a.writeFailure).as("the body could be sent whole").isNull();
    assertThat(a.status).as(a.head).isEqualTo(413);
  }

  @Test
  void discard_stopsAtItsLimit_andAtItsDeadline() throws IOException {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 'x';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'x');
            return len;
          }
        };
    long far = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    assertThat(UnreadBody.discard(endless, 200_000, far)).isEqualTo(200_000);
    assertThat(UnreadBody.discard(endless, 200_000, System.nanoTime() - 1)).isZero();
    assertThat(UnreadBody.discard(new java.io.ByteArrayInputStream(new byte[10]), 200_000, far))
        .isEqualTo(10);
  }

  private static byte[] spaces(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) ' ');
    return b;
  }

  /** The answer's status and head (with the start of its body), and whether sending failed. */
  record Answer(int status, String head, @Nullable Throwable writeFailure) {}

  /**
   * Sends a POST over a plain socket, the body from a thread of its own while the answer is read,
   * as a client that streams its body does.
   */
  private static Answer post(String path, String headers, byte[] body, boolean chunked)
      throws Exception {
    var address = server.app.address();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", address.getPort()), 5_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      String start =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + headers
              + (chunked
                  ? "Transfer-Encoding: chunked\r\n"
                  : "Content-Length: " + body.length + "\r\n")
              + "\r\n";
      CompletableFuture<Void> sent = new CompletableFuture<>();
      Thread writer =
          new Thread(
              () -> {
                try {
                  out.write(start.getBytes(StandardCharsets.US_ASCII));
                  for (int at = 0; at < body.length; at += 64 * 1024) {
                    int n = Math.min(64 * 1024, body.length - at);
                    if (chunked) {
                      out.write(
                          (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(body, at, n);
                    if (chunked) {
                      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                  }
                  if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                  }
                  out.flush();
                  sent.complete(null);
                } catch (IOException | RuntimeException e) {
                  sent.completeExceptionally(e);
                }
              },
              "raw-post");
      writer.start();
      byte[] answer = readHead(socket.getInputStream());
      Throwable failure = null;
      try {
        sent.get(1, TimeUnit.MINUTES);
      } catch (ExecutionException e) {
        failure = e.getCause();
      } catch (TimeoutException e) {
        failure = new IllegalStateException("the body was still being sent after a minute");
      }
      String head = new String(answer, StandardCharsets.ISO_8859_1);
      int status = head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
      return new Answer(status, head, failure);
    }
  }

  /** The answer's head and up to 2 KiB of what follows it, or what came before the end. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buffer = new byte[2048];
    int afterHead = -1;
    while (afterHead < 0 || got.size() < afterHead + 2048) {
      int n;
      try {
        n = in.read(buffer);
      } catch (IOException e) {
        break;
      }
      if (n < 0) {
        break;
      }
      got.write(buffer, 0, n);
      if (afterHead < 0) {
        afterHead = new String(got.toByteArray(), StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
      }
      if (afterHead >= 0 && n < buffer.length) {
        break;
      }
    }
    return got.toByteArray();
  }
}
