package org.rekindle.web.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What every endpoint does with a request and its answer: bodies read within a size limit, JSON
 * parsed with errors that say where, fields checked with errors that name them, and answers written
 * as JSON.
 */
final class Exchange {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Reads one value of a stream of them (an array's elements, one at a time). */
  static final ObjectReader ELEMENT =
      JSON.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Exchange() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static ArrayNode array() {
    return JSON.createArrayNode();
  }

  /** Answers with {@code body} as JSON. */
  static void send(Context ctx, int status, JsonNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always writes", e);
    }
    ctx.status(status).contentType("application/json").result(bytes);
  }

  /** Answers with the error's JSON: {@code {"error": code, "message": ..., "field": ...}}. */
  static void error(Context ctx, ApiException e) {
    ObjectNode body = object();
    body.put("error", e.code);
    body.put("message", e.getMessage());
    if (e.field != null) {
      body.put("field", e.field);
    }
    e.extra.fields().forEachRemaining(x -> body.set(x.getKey(), x.getValue()));
    send(ctx, e.status, body);
  }

  /** The media type of the request without its parameters, in lower case; empty when none. */
  static String mediaType(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type == null) {
      return "";
    }
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  static boolean isJson(String mediaType) {
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  /**
   * The body, at most {@code limit} bytes. A declared length over the limit is refused before
   * anything is read; a body of unknown length (chunked) is read up to one byte past it.
   */
  static byte[] bytes(Context ctx, long limit) {
    refuseDeclaredOver(ctx, limit);
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (body.length > limit) {
        throw tooLarge(limit);
      }
      return body;
    } catch (IOException e) {
      throw new ApiException(400, "unreadable_body", "the body could not be read: " + e);
    }
  }

  /**
   * The body as a stream that fails with 413 once more than {@code limit} bytes are read from it; a
   * declared length over the limit is refused at once.
   */
  static InputStream limited(Context ctx, long limit) throws IOException {
    refuseDeclaredOver(ctx, limit);
    InputStream in = ctx.req().getInputStream();
    return new java.io.FilterInputStream(in) {
      private long read;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          count(1);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          count(n);
        }
        return n;
      }

      private void count(int n) {
        read += n;
        if (read > limit) {
          throw tooLarge(limit);
        }
      }
    };
  }

  /** What {@link #eachValue} hands on: one value of the body and its place (from 0). */
  @FunctionalInterface
  interface ValueSink {
    void accept(int index, JsonNode value) throws IOException;
  }

  /**
   * Reads a JSON array from the body one element at a time (or, when {@code single} is allowed, a
   * lone object as if it were an array of one), so a large body never stands whole in memory.
   *
   * @param what the elements' name for messages ("orders")
   * @return how many values were read
   */
  static int eachValue(Context ctx, long limit, String what, boolean single, ValueSink sink)
      throws IOException {
    String type = mediaType(ctx);
    if (!isJson(type)) {
      throw unsupported(type, "application/json");
    }
    int count = 0;
    try (InputStream in = limited(ctx, limit);
        JsonParser parser = JSON.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (single && first == JsonToken.START_OBJECT) {
        sink.accept(0, ELEMENT.readTree(parser));
        count = 1;
      } else if (first == JsonToken.START_ARRAY) {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          sink.accept(count, ELEMENT.readTree(parser));
          count++;
        }
      } else {
        throw new ApiException(
            400,
            "invalid_json",
            "the body must be a JSON array of "
                + what
                + (single ? " or one of them" : "")
                + (first == null ? ", and it is empty" : ", not " + first.asString()));
      }
      if (parser.nextToken() != null) {
        throw new ApiException(400, "invalid_json", "there is more after the " + what);
      }
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new ApiException(
          400,
          "invalid_json",
          "the body is not valid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": "
              + e.getOriginalMessage());
    }
    return count;
  }

  /** The body, at most {@code limit} bytes, copied to {@code file}. */
  static void toFile(Context ctx, long limit, Path file) {
    refuseDeclaredOver(ctx, limit);
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    try (InputStream in = ctx.req().getInputStream();
        OutputStream out = Files.newOutputStream(file)) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
        if (total > limit) {
          throw tooLarge(limit);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      deleteQuietly(file);
      throw new UncheckedIOException("cannot keep the body in " + file, e);
    } catch (RuntimeException e) {
      deleteQuietly(file);
      throw e;
    }
  }

  private static void refuseDeclaredOver(Context ctx, long limit) {
    if (ctx.req().getContentLengthLong() > limit) {
      throw tooLarge(limit);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a spool file; the directory goes when the API closes
    }
  }

  static ApiException tooLarge(long limit) {
    return new ApiException(
        413,
        "too_large",
        "the body is larger than this endpoint takes: at most " + limit + " bytes",
        null,
        Map.of("limit", limit));
  }

  /** The body as a JSON value; the request must say it is JSON. */
  static JsonNode json(Context ctx, long limit) {
    String type = mediaType(ctx);
    if (!isJson(type)) {
      throw unsupported(type, "application/json");
    }
    return parse(bytes(ctx, limit));
  }

  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw new ApiException(400, "invalid_json", "the body is empty: a JSON value was expected");
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ApiException(
          400,
          "invalid_json",
          "the body is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ApiException unsupported(String type, String expected) {
    return new ApiException(
        415,
        "unsupported_media_type",
        "the body must be "
            + expected
            + (type.isEmpty() ? " (no Content-Type was given)" : ", not " + type));
  }

  /** The body as a JSON object. */
  static ObjectNode jsonObject(Context ctx, long limit) {
    JsonNode node = json(ctx, limit);
    if (!node.isObject()) {
      throw new ApiException(
          400, "invalid_json", "the body must be a JSON object, not " + kind(node));
    }
    return (ObjectNode) node;
  }

  static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** A text field: a string, or a number taken as its text. */
  static Optional<String> text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v.isTextual()) {
      String s = v.asText().strip();
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
    if (v.isIntegralNumber()) {
      return Optional.of(v.asText());
    }
    throw ApiException.invalidField(field, field + " must be a string, not " + kind(v));
  }

  static String requiredText(JsonNode o, String field) {
    return text(o, field)
        .orElseThrow(() -> ApiException.invalidField(field, field + " is required"));
  }

  /** An exact decimal: a JSON number or a string holding one. */
  static Optional<BigDecimal> decimal(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v.isNumber()) {
      return Optional.of(v.decimalValue());
    }
    if (v.isTextual()) {
      try {
        return Optional.of(new BigDecimal(v.asText().strip()));
      } catch (NumberFormatException e) {
        throw ApiException.invalidField(
            field, field + " must be a number such as 120.50, not '" + v.asText() + "'");
      }
    }
    throw ApiException.invalidField(field, field + " must be a number, not " + kind(v));
  }

  static Optional<Boolean> bool(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      throw ApiException.invalidField(field, field + " must be true or false, not " + kind(v));
    }
    return Optional.of(v.booleanValue());
  }

  static Optional<Integer> integer(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw ApiException.invalidField(field, field + " must be a whole number, not " + v);
    }
    return Optional.of(v.intValue());
  }

  /** A query parameter, stripped; empty when absent or blank. */
  static Optional<String> query(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /** A whole-number query parameter between {@code min} and {@code max}. */
  static int queryInt(Context ctx, String name, int fallback, int min, int max) {
    Optional<String> v = query(ctx, name);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw ApiException.invalidField(
        name, name + " must be a whole number from " + min + " to " + max + ", not " + v.get());
  }

  static @Nullable String iso(@Nullable Instant at) {
    return at == null ? null : at.toString();
  }

  static @Nullable String iso(@Nullable LocalDate day) {
    return day == null ? null : day.toString();
  }

  static @Nullable String money(@Nullable BigDecimal amount) {
    if (amount == null) {
      return null;
    }
    BigDecimal a = amount.stripTrailingZeros();
    return (a.scale() < 2 ? a.setScale(2) : a).toPlainString();
  }

  static @Nullable Double number(Optional<Double> value) {
    return value.orElse(null);
  }
}
