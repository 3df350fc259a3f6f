package org.rekindle.outreach.unsubscribe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The secret keys unsubscribe tokens are signed with. The newest key signs; every key kept still
 * verifies, so links in mail already sent keep working after a rotation. Keys are 256 random bits.
 *
 * <p>On disk (a file in the Rekindle home, readable by its owner only) one key per line: {@code
 * id:base64}, ids 1 to 255 in the order they were made.
 */
public final class SigningKeys {
  private final TreeMap<Integer, byte[]> keys;

  private SigningKeys(Map<Integer, byte[]> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one signing key is needed");
    }
    this.keys = new TreeMap<>();
    for (Map.Entry<Integer, byte[]> k : keys.entrySet()) {
      if (k.getKey() < 1 || k.getKey() > 255) {
        throw new IllegalArgumentException("a key id is 1 to 255: " + k.getKey());
      }
      if (k.getValue().length < 32) {
        throw new IllegalArgumentException("key " + k.getKey() + " is shorter than 256 bits");
      }
      this.keys.put(k.getKey(), k.getValue().clone());
    }
  }

  /** Keys given directly (tests, or keys kept elsewhere). */
  public static SigningKeys of(Map<Integer, byte[]> keys) {
    return new SigningKeys(keys);
  }

  /** One fresh key. */
  public static SigningKeys generate(SecureRandom random) {
    return new SigningKeys(Map.of(1, fresh(random)));
  }

  private static byte[] fresh(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return key;
  }

  /** The keys in {@code file}; a new file with one fresh key when there is none yet. */
  public static SigningKeys loadOrCreate(Path file, SecureRandom random) {
    try {
      if (!Files.exists(file)) {
        SigningKeys created = generate(random);
        try {
          created.write(file, false);
        } catch (FileAlreadyExistsException e) {
          return load(file); // another process made it first
        }
        return created;
      }
      return load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the signing keys in " + file, e);
    }
  }

  private static SigningKeys load(Path file) throws IOException {
    Map<Integer, byte[]> keys = new TreeMap<>();
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      n++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int colon = l.indexOf(':');
      try {
        int id = Integer.parseInt(l.substring(0, colon));
        if (keys.put(id, Base64.getDecoder().decode(l.substring(colon + 1))) != null) {
          throw new IllegalArgumentException("key " + id + " appears twice");
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            file + ":" + n + ": not a signing key line (id:base64): " + e.getMessage(), e);
      }
    }
    return new SigningKeys(keys);
  }

  /** These keys and a new one, which signs from now on; the file is rewritten whole. */
  public SigningKeys rotate(Path file, SecureRandom random) {
    int next = keys.lastKey() + 1;
    if (next > 255) {
      throw new IllegalStateException("255 keys made: retire old ones before rotating again");
    }
    Map<Integer, byte[]> more = new TreeMap<>(keys);
    more.put(next, fresh(random));
    SigningKeys rotated = new SigningKeys(more);
    try {
      rotated.write(file, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the signing keys to " + file, e);
    }
    return rotated;
  }

  private void write(Path file, boolean replace) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        "# Rekindle's unsubscribe-link keys: the last signs, all verify. Keep this file secret.");
    for (Map.Entry<Integer, byte[]> k : keys.entrySet()) {
      lines.add(k.getKey() + ":" + Base64.getEncoder().encodeToString(k.getValue()));
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path part = Files.createTempFile(dir, ".keys-", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's own protection applies
      }
      Files.write(part, lines, StandardCharsets.US_ASCII);
      if (replace) {
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        // a hard link fails if the file exists: never overwrite keys another process just made
        Files.createLink(file, part);
      }
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** The id of the key that signs. */
  int signingId() {
    return keys.lastKey();
  }

  byte[] signingKey() {
    return keys.lastEntry().getValue();
  }

  Optional<byte[]> key(int id) {
    return Optional.ofNullable(keys.get(id));
  }

  /** The ids kept, oldest first. */
  public List<Integer> ids() {
    return Collections.unmodifiableList(new ArrayList<>(keys.keySet()));
  }
}
