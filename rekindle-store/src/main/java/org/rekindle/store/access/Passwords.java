package org.rekindle.store.access;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jspecify.annotations.Nullable;

/**
 * Passwords hashed with Argon2id (RFC 9106) and kept in the PHC string format, {@code
 * $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH} with unpadded base64. The cost is OWASP's minimum for
 * Argon2id (19 MiB, 2 passes, 1 lane; Password Storage Cheat Sheet), about 30-60 ms a check here. A
 * stored hash is checked with the cost it names, so raising the cost later keeps old passwords
 * working.
 */
public final class Passwords {
  /** Memory in KiB, passes and lanes for new hashes. */
  static final int MEMORY_KIB = 19_456;

  static final int PASSES = 2;
  static final int LANES = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  /** The shortest password taken; NIST SP 800-63B asks for at least 8 characters. */
  public static final int MIN_LENGTH = 8;

  /** The longest taken, so a megabyte "password" cannot tie up a login. */
  public static final int MAX_LENGTH = 256;

  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A hash of a password nobody has, checked against when a login names no user (same time). */
  private static final String DECOY = hash("decoy password, never a user's".toCharArray());

  private Passwords() {}

  /** Why a new password is refused, or null when it is acceptable. */
  public static @Nullable String weakness(char[] password) {
    if (password.length < MIN_LENGTH) {
      return "a password needs at least " + MIN_LENGTH + " characters";
    }
    if (password.length > MAX_LENGTH) {
      return "a password may have at most " + MAX_LENGTH + " characters";
    }
    return null;
  }

  /** A new hash of the password, with a fresh random salt. */
  public static String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return encode(password, salt, MEMORY_KIB, PASSES, LANES, HASH_BYTES);
  }

  /**
   * The PHC string of Argon2id with the given salt and cost (tests hold it to published values).
   */
  static String encode(
      char[] password, byte[] salt, int memoryKib, int passes, int lanes, int length) {
    byte[] out = derive(password, salt, memoryKib, passes, lanes, length);
    return "$argon2id$v=19$m="
        + memoryKib
        + ",t="
        + passes
        + ",p="
        + lanes
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(out);
  }

  /**
   * Whether the password is the one hashed. A hash that is not Argon2id in the PHC format never
   * matches. The comparison takes the same time wherever the bytes differ.
   */
  public static boolean matches(char[] password, String stored) {
    Matcher m = PHC.matcher(stored);
    if (!m.matches() || password.length > MAX_LENGTH) {
      return false;
    }
    int memory = Integer.parseInt(m.group(1));
    int passes = Integer.parseInt(m.group(2));
    int lanes = Integer.parseInt(m.group(3));
    if (passes < 1 || lanes < 1 || memory < 8 * lanes || memory > 1 << 20) {
      return false;
    }
    byte[] salt;
    byte[] expected;
    try {
      salt = B64D.decode(m.group(4));
      expected = B64D.decode(m.group(5));
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (expected.length < 16) {
      return false;
    }
    byte[] actual = derive(password, salt, memory, passes, lanes, expected.length);
    return MessageDigest.isEqual(actual, expected);
  }

  /** Spends the time of a check, for a login whose user does not exist. */
  static void decoy(char[] password) {
    boolean unused = matches(password, DECOY);
  }

  private static byte[] derive(
      char[] password, byte[] salt, int memoryKib, int passes, int lanes, int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(passes)
            .withParallelism(lanes)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] utf8 = new byte[encoded.remaining()];
    encoded.get(utf8);
    try {
      generator.generateBytes(utf8, out, 0, out.length);
    } finally {
      Arrays.fill(utf8, (byte) 0);
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return out;
  }
}
