package org.rekindle.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.rekindle.store.access.AccessException;
import org.rekindle.store.access.Passwords;

/**
 * Where a command reads what is typed: the console, when there is one, for a password without echo,
 * and standard input for scripts and tests (which pass their own input and no console).
 */
final class Terminal {
  /** Characters read from standard input before giving up on finding the end of the line. */
  private static final int MAX_LINE = 4 * Passwords.MAX_LENGTH;

  private final InputStream in;
  private final @Nullable Console console;

  Terminal(InputStream in, @Nullable Console console) {
    this.in = in;
    this.console = console;
  }

  /** The process's own: {@code System.in}, and the console when both ends are a terminal. */
  static Terminal system() {
    Console c = System.console();
    return new Terminal(System.in, c != null && interactive(c) ? c : null);
  }

  /**
   * Whether the console is a terminal someone types at. Up to Java 21 there is a console only then;
   * from Java 22 {@code System.console()} returns one for redirected streams too and says which
   * with {@code isTerminal()}, looked up here since the code is built for Java 17.
   */
  private static boolean interactive(Console c) {
    try {
      return Boolean.TRUE.equals(Console.class.getMethod("isTerminal").invoke(c));
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  /**
   * A new password for {@code login}: asked twice on the console without echo, or, when there is no
   * console or {@code fromStdin} is set, the first line of standard input. The caller clears the
   * array when done.
   *
   * @throws AccessException when none is given, the two typed differ, or it is too weak ({@link
   *     Passwords#weakness}); the message says which
   */
  char[] newPassword(String login, boolean fromStdin) {
    Console c = console;
    if (fromStdin || c == null) {
      char[] line = readLine();
      if (line.length == 0) {
        throw new AccessException(
            "no password for "
                + login
                + " on standard input: give it as one line (or run in a terminal to be asked)");
      }
      return checked(line);
    }
    char[] first = c.readPassword("New password for %s: ", login);
    if (first == null || first.length == 0) {
      throw new AccessException("no password given for " + login);
    }
    checked(first);
    char[] again = c.readPassword("The same again: ");
    try {
      if (again == null || !Arrays.equals(first, again)) {
        Arrays.fill(first, '\0');
        throw new AccessException("the two passwords differ; nothing was changed");
      }
    } finally {
      if (again != null) {
        Arrays.fill(again, '\0');
      }
    }
    return first;
  }

  /** The password, or the reason it is refused (the array is cleared first). */
  private static char[] checked(char[] password) {
    String weak = Passwords.weakness(password);
    if (weak != null) {
      Arrays.fill(password, '\0');
      throw new AccessException("password refused: " + weak);
    }
    return password;
  }

  /**
   * The first line of standard input without its line end (LF or CRLF), read into an array that is
   * cleared after use rather than a String that stays in memory.
   */
  private char[] readLine() {
    // not closed: closing it would close System.in
    Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
    char[] buf = new char[MAX_LINE];
    int n = 0;
    try {
      int ch;
      while (n < buf.length && (ch = r.read()) != -1 && ch != '\n') {
        buf[n++] = (char) ch;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (n > 0 && buf[n - 1] == '\r') {
      n--;
    }
    char[] line = Arrays.copyOf(buf, n);
    Arrays.fill(buf, '\0');
    return line;
  }
}
