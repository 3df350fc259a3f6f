package org.rekindle.store.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordsTest {
  /**
   * The Argon2id vector of the reference implementation's tests
   * (github.com/P-H-C/phc-winner-argon2, src/test.c): "password", salt "somesalt", t=2, m=2^16 KiB,
   * p=1, 32 bytes. The same string comes out of Debian's {@code argon2} tool.
   */
  @Test
  void encode_matchesTheReferenceVector() {
    String phc =
        Passwords.encode(
            "password".toCharArray(),
            "somesalt".getBytes(StandardCharsets.US_ASCII),
            65_536,
            2,
            1,
            32);
    assertThat(phc)
        .isEqualTo(
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc");
    assertThat(Passwords.matches("password".toCharArray(), phc)).isTrue();
    assertThat(Passwords.matches("Password".toCharArray(), phc)).isFalse();
  }

  @Test
  void hash_isSaltedAndChecksOnlyTheRightPassword() {
    String a = Passwords.hash("correct horse".toCharArray());
    String b = Passwords.hash("correct horse".toCharArray());
    assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
    assertThat(Passwords.matches("correct horse".toCharArray(), a)).isTrue();
    assertThat(Passwords.matches("correct horse".toCharArray(), b)).isTrue();
    assertThat(Passwords.matches("correct horsf".toCharArray(), a)).isFalse();
    assertThat(Passwords.matches("".toCharArray(), a)).isFalse();
  }

  @Test
  void nonAsciiPasswords_areHashedAsUtf8() {
    String h = Passwords.hash("pässwört-日本".toCharArray());
    assertThat(Passwords.matches("pässwört-日本".toCharArray(), h)).isTrue();
    assertThat(Passwords.matches("passwort-日本".toCharArray(), h)).isFalse();
  }

  @Test
  void malformedOrForeignHashes_neverMatch() {
    char[] pw = "password".toCharArray();
    assertThat(Passwords.matches(pw, "")).isFalse();
    assertThat(Passwords.matches(pw, "password")).isFalse();
    assertThat(Passwords.matches(pw, "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
    assertThat(
            Passwords.matches(
                pw, "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"))
        .isFalse();
    // a cost beyond what is ever made here is refused rather than computed
    assertThat(
            Passwords.matches(
                pw,
                "$argon2id$v=19$m=9999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"))
        .isFalse();
    // a hash cut short
    assertThat(Passwords.matches(pw, "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXP"))
        .isFalse();
  }

  @Test
  void weakness_namesTheRule() {
    assertThat(Passwords.weakness("short".toCharArray())).contains("at least 8");
    assertThat(Passwords.weakness("x".repeat(257).toCharArray())).contains("at most 256");
    assertThat(Passwords.weakness("long enough".toCharArray())).isNull();
  }
}
