package dev.orun.backend.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that seals project secrets, kept outside the database: a file the server creates
 * in the embedded database's directory, or one the operator names or passes as base64 in
 * {@value #ENV} (docs/decisions/backend-secrets.md). Its {@link #id()} is stored with every sealed
 * value, so a server given another key can say so.
 */
public final class SecretsKey {
  /** Base64 of 32 random bytes, for deployments on PostgreSQL. */
  public static final String ENV = "ORUN_BACKEND_SECRETS_KEY";
  /** The file name under the embedded database's directory. */
  public static final String DEFAULT_FILE = "secrets.key";

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private final SecretKey key;
  private final String id;
  private final String origin;

  private SecretsKey(byte[] bytes, String origin) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("the secrets key from " + origin + " must be 32 bytes (base64 of"
          + " 32 random bytes, e.g. `head -c 32 /dev/urandom | base64`), got " + bytes.length);
    }
    this.key = new SecretKeySpec(bytes, "AES");
    this.id = idOf(bytes);
    this.origin = origin;
  }

  /** A key given as base64 (the {@value #ENV} variable). */
  public static SecretsKey fromBase64(String base64, String origin) {
    return new SecretsKey(decode(base64, origin), origin);
  }

  /**
   * Reads the key file, refusing one that others may read. With {@code create}, a missing file is
   * made first (mode 0600, 32 random bytes); several processes doing so at once agree on one file.
   */
  public static SecretsKey fromFile(Path file, boolean create) {
    try {
      if (create && !Files.exists(file)) {
        createOnce(file);
      }
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("secrets key file " + file + " does not exist");
      }
      refuseShared(file);
      return new SecretsKey(decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString()),
          file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read secrets key file " + file + ": " + e.getMessage(), e);
    }
  }

  SecretKey key() {
    return key;
  }

  /** 16 hex characters naming the key (a hash of it; reveals nothing of it). */
  public String id() {
    return id;
  }

  /** Where the key came from, for messages (a path or the variable's name, never the key). */
  public String origin() {
    return origin;
  }

  /** Hard link of a fully written temp file: atomic, and fails when another process won the race. */
  private static void createOnce(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".secrets-key-", ".tmp");
    try {
      setOwnerOnly(tmp);
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      Files.writeString(tmp, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
      try {
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException raced) {
        // another process created it first: use theirs
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void refuseShared(Path file) throws IOException {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.stream().anyMatch(p -> !OWNER_ONLY.contains(p) && p != PosixFilePermission.OWNER_EXECUTE)) {
        throw new IllegalArgumentException("secrets key file " + file + " may be read by others; run chmod 600 "
            + file);
      }
    } catch (UnsupportedOperationException notPosix) {
      // a file system without POSIX modes: nothing to check
    }
  }

  private static void setOwnerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } catch (UnsupportedOperationException notPosix) {
      // a file system without POSIX modes keeps its defaults
    }
  }

  private static byte[] decode(String base64, String origin) {
    try {
      return Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the secrets key from " + origin + " is not base64");
    }
  }

  private static String idOf(byte[] bytes) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("orun-backend secrets key id\0".getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha.digest(bytes), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "SecretsKey[id=" + id + ", from " + origin + "]";
  }
}
