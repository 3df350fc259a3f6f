package org.rekindle.outreach.letter;

import com.lowagie.text.Image;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The letterhead's logo: a PNG or JPEG file, read whole and decoded before anything is printed. */
final class Logo {
  /** A letterhead logo needs far less; a bigger file is most likely the wrong one. */
  private static final long MAX_BYTES = 5L * 1024 * 1024;

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

  private Logo() {}

  /**
   * The image in {@code file}.
   *
   * @throws IllegalArgumentException when the file cannot be read, is not a PNG or JPEG image, or
   *     cannot be decoded
   */
  static Image load(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(
            "the logo " + file + " is larger than 5 MB: a letterhead needs a much smaller image");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the logo " + file + ": " + e, e);
    }
    if (!startsWith(bytes, PNG) && !startsWith(bytes, JPEG)) {
      throw new IllegalArgumentException(
          "the logo " + file + " is not a PNG or JPEG image (those are the kinds a logo can be)");
    }
    try {
      return Image.getInstance(bytes);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "the logo " + file + " looks like a PNG or JPEG image but cannot be decoded: " + e, e);
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
