package dev.orun.backend.cli;

import dev.orun.backend.secrets.SecretsKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --secrets-key-file FILE}, shared by {@code serve} and {@code secret}: where the key that
 * seals project secrets comes from (docs/decisions/backend-secrets.md).
 */
final class SecretsKeyOptions {
  @Option(names = "--secrets-key-file", paramLabel = "FILE",
      description = "File with the base64 key that encrypts project secrets (default: $" + SecretsKey.ENV
          + ", else DATA/" + SecretsKey.DEFAULT_FILE + ", created on first use, for the embedded database).")
  Path file;

  /** The key: the named file, the variable, or the embedded database's own file; {@code null} when none. */
  SecretsKey load(DatabaseOptions database) {
    if (file != null) {
      return SecretsKey.fromFile(file, false);
    }
    String variable = System.getenv(SecretsKey.ENV);
    if (variable != null && !variable.isBlank()) {
      return SecretsKey.fromBase64(variable, "$" + SecretsKey.ENV);
    }
    if (database.embedded()) {
      return SecretsKey.fromFile(database.dataDir().resolve(SecretsKey.DEFAULT_FILE), true);
    }
    return null;
  }
}
