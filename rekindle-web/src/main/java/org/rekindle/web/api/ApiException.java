package org.rekindle.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request the API refuses, with what its JSON error says: the HTTP status, a machine-readable
 * code ({@code invalid_field}, {@code not_found}, ...), a message for the person reading the logs,
 * the field at fault when there is one, and any further facts a client may act on.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String code;
  final @Nullable String field;
  final ObjectNode extra;

  ApiException(int status, String code, String message) {
    this(status, code, message, null, Map.of());
  }

  ApiException(int status, String code, String message, @Nullable String field) {
    this(status, code, message, field, Map.of());
  }

  ApiException(
      int status, String code, String message, @Nullable String field, Map<String, ?> extra) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.extra = Exchange.JSON.valueToTree(extra);
  }

  /** With {@code extra}'s fields added to the error's JSON. */
  ApiException(int status, String code, String message, ObjectNode extra) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = null;
    this.extra = extra;
  }

  static ApiException invalidField(String field, String message) {
    return new ApiException(422, "invalid_field", message, field);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  static ApiException conflict(String message, Map<String, ?> extra) {
    return new ApiException(409, "conflict", message, null, extra);
  }
}
