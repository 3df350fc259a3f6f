package org.rekindle.web.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The API on 127.0.0.1 with a fresh embedded store and a key, for measuring it with wrk by hand
 * (docs/api.md, "Speed"): prints the address and the key, and serves until killed.
 */
final class ApiLoadServer {
  private ApiLoadServer() {}

  public static void main(String[] args) throws Exception {
    Path home = Files.createTempDirectory("rekindle-api-load-");
    ApiServer server = new ApiServer(home);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    System.out.println("address " + server.app.address());
    System.out.println("key " + server.key);
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
