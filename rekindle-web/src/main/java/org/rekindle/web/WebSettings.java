package org.rekindle.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where the web app listens. Only a loopback address unless {@code exposed} says otherwise: the
 * pages are meant to sit behind a reverse proxy that terminates TLS, and a server that answers on
 * every interface by mistake is the kind of surprise nobody should get from a default.
 *
 * @param host the address to bind, 127.0.0.1 by default
 * @param port the port, 8080 by default; 0 for any free port
 * @param exposed whether an address other than loopback may be bound
 */
public record WebSettings(String host, int port, boolean exposed) {
  /** The address bound unless another is given. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The port bound unless another is given. */
  public static final int DEFAULT_PORT = 8080;

  /**
   * Checks the settings.
   *
   * @throws IllegalArgumentException for a port out of range, a host that does not resolve, or a
   *     non-loopback host without {@code exposed}
   */
  public WebSettings {
    Objects.requireNonNull(host, "host");
    host = host.strip();
    if (host.isEmpty()) {
      throw new IllegalArgumentException("the host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "the port must be 0 to 65535 (0 for any free one): " + port);
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("the host '" + host + "' does not resolve", e);
    }
    if (!exposed && !address.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "'"
              + host
              + "' is not a loopback address: the pages would be open to the network. Serve on"
              + " 127.0.0.1 behind a reverse proxy, or say so explicitly to bind "
              + host);
    }
  }

  /** 127.0.0.1:8080, loopback only. */
  public static WebSettings defaults() {
    return new WebSettings(DEFAULT_HOST, DEFAULT_PORT, false);
  }
}
