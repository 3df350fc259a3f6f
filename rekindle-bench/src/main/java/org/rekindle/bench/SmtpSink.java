package org.rekindle.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The least an SMTP server can be: on 127.0.0.1, it says yes to everything (220, 250, 354, 250,
 * 221) and throws the messages away, counting them. For measuring the sender without a mail
 * server's own costs; never for tests of what arrives.
 */
final class SmtpSink implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicLong messages = new AtomicLong();

  SmtpSink() throws IOException {
    server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "smtp-sink");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Messages taken so far (each DATA ended by its lone dot). */
  long messages() {
    return messages.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> converse(s), "smtp-sink-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void converse(Socket s) {
    try (s;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1), 65_536)) {
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      reply(out, "220 sink ESMTP");
      String line;
      while ((line = in.readLine()) != null) {
        String verb = line.length() < 4 ? line : line.substring(0, 4);
        switch (verb.toUpperCase(Locale.ROOT)) {
          case "DATA" -> {
            reply(out, "354 end with a lone dot");
            while ((line = in.readLine()) != null && !line.equals(".")) {
              // thrown away
            }
            messages.incrementAndGet();
            reply(out, "250 2.0.0 taken");
          }
          case "QUIT" -> {
            reply(out, "221 2.0.0 bye");
            return;
          }
          default -> reply(out, "250 ok"); // EHLO, HELO, MAIL, RCPT, RSET, NOOP
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
