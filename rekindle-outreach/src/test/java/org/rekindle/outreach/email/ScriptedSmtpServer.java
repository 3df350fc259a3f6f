package org.rekindle.outreach.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A small SMTP server on 127.0.0.1 that answers each command as a script says, to show the sender
 * the replies a real server gives only when something goes wrong (a 4xx, a 5xx, a connection that
 * drops before its reply). The script maps a command ("MAIL", "RCPT", "DATA", "." for the end of
 * the message) to a reply line, or to null to drop the connection there.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread thread;
  final List<String> commands = Collections.synchronizedList(new ArrayList<>());

  ScriptedSmtpServer(Function<String, String> script) throws IOException {
    socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    thread =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                  converse(s, script);
                } catch (IOException e) {
                  // closed, or the client went away: wait for the next one
                }
              }
            });
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void converse(Socket s, Function<String, String> script) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = s.getOutputStream();
    reply(out, "220 scripted ESMTP");
    boolean inData = false;
    String line;
    while ((line = in.readLine()) != null) {
      String command;
      if (inData) {
        if (!line.equals(".")) {
          continue;
        }
        inData = false;
        command = ".";
      } else {
        command = line.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
        if (command.contains(":")) {
          command = command.substring(0, command.indexOf(':'));
        }
      }
      commands.add(command);
      String answer =
          switch (command) {
            case "EHLO", "HELO" -> "250 scripted";
            case "QUIT" -> "221 bye";
            case "RSET", "NOOP" -> "250 ok";
            default -> script.apply(command);
          };
      if (answer == null) {
        return; // drop the connection without a reply
      }
      reply(out, answer);
      if (command.equals("DATA") && answer.startsWith("354")) {
        inData = true;
      }
      if (command.equals("QUIT")) {
        return;
      }
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
