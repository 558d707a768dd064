package dev.orun.backend.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random bearer secrets and their stored form (SHA-256 hex; the secret itself is never stored). */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final MessageDigest SHA256 = newSha256();
  private static final char[] USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789".toCharArray();

  private Secrets() {}

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  /** A token such as {@code orun_sk_<43 base64url chars>} (256 random bits). */
  public static String token(String prefix) {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return "orun_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static String id(String prefix) {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return prefix + "_" + HexFormat.of().formatHex(b);
  }

  /** An 8-character code a person can read out and type, shown as {@code ABCD-EFGH}. */
  public static String userCode() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == 4) {
        s.append('-');
      }
      s.append(USER_CODE_ALPHABET[RANDOM.nextInt(USER_CODE_ALPHABET.length)]);
    }
    return s.toString();
  }

  public static String hash(String secret) {
    return HexFormat.of().formatHex(sha256().digest(secret.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A fresh SHA-256 digest, cloned from one looked up once: every request hashes its bearer token
   * (the token cache is keyed by the hash), and the provider lookup of {@code getInstance} cost
   * more than the hashing.
   */
  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }
}
