package dev.orun.backend.secrets;

import dev.orun.backend.store.Scope;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a random 96-bit nonce per value. The (org, project, key) a value belongs to is
 * authenticated with it, so a ciphertext copied to another row does not open.
 */
final class SecretCipher {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int TAG_BITS = 128;

  record Sealed(byte[] nonce, byte[] ciphertext) {}

  private final SecretsKey key;

  SecretCipher(SecretsKey key) {
    this.key = key;
  }

  Sealed seal(Scope scope, String secretKey, String value) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(associated(scope, secretKey));
      return new Sealed(nonce, c.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt secret " + secretKey, e);
    }
  }

  /** The value, or {@code null} when the ciphertext does not open under this key and row. */
  String open(Scope scope, String secretKey, byte[] nonce, byte[] ciphertext) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(associated(scope, secretKey));
      return new String(c.doFinal(ciphertext), StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decrypt secret " + secretKey, e);
    }
  }

  private static byte[] associated(Scope scope, String secretKey) {
    return ("orun-secret\0" + scope.org() + "\0" + scope.project() + "\0" + secretKey)
        .getBytes(StandardCharsets.UTF_8);
  }
}
