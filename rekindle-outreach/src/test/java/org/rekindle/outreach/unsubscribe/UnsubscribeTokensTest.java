package org.rekindle.outreach.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnsubscribeTokensTest {
  private static final byte[] KEY_1 =
      HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  private static final byte[] KEY_2 =
      HexFormat.of().parseHex("f0e1d2c3b4a5968778695a4b3c2d1e0f00112233445566778899aabbccddeeff");

  @Test
  void token_roundTrips_andIsShortAndUrlSafe() {
    UnsubscribeTokens t = new UnsubscribeTokens(SigningKeys.of(Map.of(1, KEY_1)));
    for (long id : new long[] {1, 42, 1_000_000, Long.MAX_VALUE}) {
      String token = t.token(id);
      assertThat(token).hasSize(35).matches("[A-Za-z0-9_-]+");
      assertThat(t.verify(token)).contains(id);
    }
    // the same customer, the same key: the same token (links are stable)
    assertThat(t.token(42)).isEqualTo(t.token(42));
  }

  @Test
  void surveyTokens_andUnsubscribeTokens_neverStandForEachOther() {
    SigningKeys keys = SigningKeys.of(Map.of(1, KEY_1));
    UnsubscribeTokens unsubscribe = new UnsubscribeTokens(keys);
    UnsubscribeTokens survey = UnsubscribeTokens.forSurveys(keys);

    assertThat(survey.verify(survey.token(42))).contains(42L);
    assertThat(survey.token(42)).isNotEqualTo(unsubscribe.token(42));
    assertThat(unsubscribe.verify(survey.token(42))).isEmpty();
    assertThat(survey.verify(unsubscribe.token(42))).isEmpty();
  }

  @Test
  void anyChange_isRejected() {
    UnsubscribeTokens t = new UnsubscribeTokens(SigningKeys.of(Map.of(1, KEY_1)));
    byte[] raw = Base64.getUrlDecoder().decode(t.token(42));
    Random random = new Random(7);
    for (int i = 0; i < raw.length * 8; i++) {
      byte[] bad = raw.clone();
      bad[i / 8] ^= (byte) (1 << (i % 8));
      String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bad);
      assertThat(t.verify(forged)).as("bit %d flipped", i).isEmpty();
    }
    // another customer's number with this customer's MAC
    byte[] swapped = raw.clone();
    swapped[9] = 43;
    assertThat(t.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(swapped))).isEmpty();
    for (String junk : new String[] {"", "abc", "!!!!", "A".repeat(35), "A".repeat(400)}) {
      assertThat(t.verify(junk)).isEmpty();
    }
    byte[] noise = new byte[26];
    for (int i = 0; i < 1000; i++) {
      random.nextBytes(noise);
      noise[0] = 1;
      noise[1] = 1;
      assertThat(t.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(noise))).isEmpty();
    }
    // every other character in any place: also the last, whose two low bits the decoder drops
    String token = t.token(42);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < token.length(); i++) {
      for (char c : alphabet.toCharArray()) {
        if (c != token.charAt(i)) {
          String changed = token.substring(0, i) + c + token.substring(i + 1);
          assertThat(t.verify(changed)).as("%s", changed).isEmpty();
        }
      }
    }
    assertThat(t.verify(token + "==")).isEmpty();
    // a token signed with a key this installation never had
    UnsubscribeTokens other = new UnsubscribeTokens(SigningKeys.of(Map.of(1, KEY_2)));
    assertThat(t.verify(other.token(42))).isEmpty();
  }

  @Test
  void rotation_newKeySigns_oldTokensStillVerify(@TempDir Path home) throws Exception {
    Path file = home.resolve("keys");
    SecureRandom random = new SecureRandom();
    SigningKeys first = SigningKeys.loadOrCreate(file, random);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String old = new UnsubscribeTokens(first).token(42);
    // a second start reads the same key
    assertThat(new UnsubscribeTokens(SigningKeys.loadOrCreate(file, random)).verify(old))
        .contains(42L);

    SigningKeys rotated = first.rotate(file, random);
    assertThat(rotated.ids()).containsExactly(1, 2);
    UnsubscribeTokens now = new UnsubscribeTokens(SigningKeys.loadOrCreate(file, random));
    String fresh = now.token(42);
    assertThat(fresh).isNotEqualTo(old);
    assertThat(now.verify(fresh)).contains(42L);
    assertThat(now.verify(old)).as("mail sent before the rotation").contains(42L);
  }

  @Test
  void badKeys_areRefused(@TempDir Path home) throws Exception {
    assertThatThrownBy(() -> SigningKeys.of(Map.of())).hasMessageContaining("at least one");
    assertThatThrownBy(() -> SigningKeys.of(Map.of(1, new byte[16])))
        .hasMessageContaining("shorter than 256 bits");
    Path file = home.resolve("keys");
    Files.writeString(file, "# keys\n1:AAAA\nnot a key\n");
    assertThatThrownBy(() -> SigningKeys.loadOrCreate(file, new SecureRandom()))
        .hasMessageContaining(file + ":3: not a signing key line");
  }
}
