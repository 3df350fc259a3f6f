package org.rekindle.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The stylesheets and scripts, served from the jar at {@code /assets/NAME}: ours from {@code
 * org/rekindle/web/assets/}, and the two libraries the dashboard uses from their webjars (htmx and
 * Chart.js; versions in the parent pom). Read once, then kept in memory. Nothing is fetched from
 * another site, which the pages' Content-Security-Policy would refuse anyway.
 */
final class Assets {
  /** Where the route is. */
  static final String PATH = "/assets/{name}";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,80}\\.(css|js)");

  /** The libraries, by the name they are served under: their webjar and the file in it. */
  private static final Map<String, String[]> LIBRARIES =
      Map.of(
          "htmx.min.js", new String[] {"htmx.org", "dist/htmx.min.js"},
          "chart.umd.min.js", new String[] {"chart.js", "dist/chart.umd.min.js"});

  private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

  void serve(Context ctx) {
    String name = ctx.pathParam("name");
    Optional<byte[]> bytes =
        NAME.matcher(name).matches() ? cache.computeIfAbsent(name, Assets::read) : Optional.empty();
    if (bytes.isEmpty()) {
      ctx.status(404).result("");
      return;
    }
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.contentType(
            name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8")
        .result(bytes.get());
  }

  private static Optional<byte[]> read(String name) {
    String[] library = LIBRARIES.get(name);
    String resource =
        library != null
            ? "META-INF/resources/webjars/"
                + library[0]
                + "/"
                + webjarVersion(library[0])
                + "/"
                + library[1]
            : "org/rekindle/web/assets/" + name;
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the asset " + resource, e);
    }
  }

  /** The version of a webjar on the class path, from the Maven properties it carries. */
  private static String webjarVersion(String artifact) {
    String props = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(props)) {
      if (in == null) {
        throw new IllegalStateException("the webjar " + artifact + " is not on the class path");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + props, e);
    }
  }
}
