package org.rekindle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** How the commands' {@code --format json} output is written: indented, for people and tools. */
final class Json {
  private Json() {}

  /** A mapper that indents what it writes. */
  static ObjectMapper indented() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }
}
