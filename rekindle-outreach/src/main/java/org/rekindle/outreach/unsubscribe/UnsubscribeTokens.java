package org.rekindle.outreach.unsubscribe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unsubscribe tokens: {@code base64url(version | key id | customer id | HMAC-SHA256)}, 43
 * characters for a link like {@code https://shop.example/u/TOKEN}.
 *
 * <ul>
 *   <li>The token names the customer by Rekindle's internal number, never by address: a link
 *       forwarded or logged gives nothing away.
 *   <li>The MAC is HMAC-SHA256 over a domain tag, the version, the key id and the customer id,
 *       truncated to 128 bits (NIST SP 800-107 allows truncation to at least 64 bits).
 *   <li>Tokens never expire: an unsubscribe link must keep working in a mail read a year late.
 *   <li>Checking compares MACs in constant time ({@link MessageDigest#isEqual}); a token signed
 *       with a key that has since been rotated out still verifies while the key is kept.
 * </ul>
 */
public final class UnsubscribeTokens {
  private static final byte VERSION = 1;
  private static final int MAC_BYTES = 16;
  private static final int LENGTH = 1 + 1 + 8 + MAC_BYTES;
  private static final byte[] UNSUBSCRIBE =
      "rekindle-unsubscribe".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SURVEY = "rekindle-survey".getBytes(StandardCharsets.US_ASCII);

  private final SigningKeys keys;
  private final byte[] tag;

  /** Tokens of unsubscribe links. */
  public UnsubscribeTokens(SigningKeys keys) {
    this(keys, UNSUBSCRIBE);
  }

  private UnsubscribeTokens(SigningKeys keys, byte[] tag) {
    this.keys = keys;
    this.tag = tag;
  }

  /**
   * Tokens of survey links: the same form and keys under another domain tag, so a survey token
   * never verifies as an unsubscribe token, nor the other way round.
   */
  public static UnsubscribeTokens forSurveys(SigningKeys keys) {
    return new UnsubscribeTokens(keys, SURVEY);
  }

  /** The token for a customer, signed with the newest key. */
  public String token(long customerId) {
    int keyId = keys.signingId();
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put(VERSION).put((byte) keyId).putLong(customerId);
    b.put(mac(keys.signingKey(), keyId, customerId));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /** The customer a token names, if it is well formed and its signature holds. */
  public Optional<Long> verify(String token) {
    String text = token.strip();
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // one spelling per token: the last character of 26 bytes carries two bits the decoder drops,
    // and a token changed only there would otherwise still open the page
    if (raw.length != LENGTH
        || raw[0] != VERSION
        || !Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(text)) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    b.get();
    int keyId = b.get() & 0xFF;
    long customerId = b.getLong();
    byte[] given = new byte[MAC_BYTES];
    b.get(given);
    Optional<byte[]> key = keys.key(keyId);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return MessageDigest.isEqual(given, mac(key.get(), keyId, customerId))
        ? Optional.of(customerId)
        : Optional.empty();
  }

  private byte[] mac(byte[] key, int keyId, long customerId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(tag);
      mac.update(
          ByteBuffer.allocate(10).put(VERSION).put((byte) keyId).putLong(customerId).array());
      byte[] full = mac.doFinal();
      byte[] cut = new byte[MAC_BYTES];
      System.arraycopy(full, 0, cut, 0, MAC_BYTES);
      return cut;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
