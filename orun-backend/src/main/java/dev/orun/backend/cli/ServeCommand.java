package dev.orun.backend.cli;

import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.config.Limits;
import dev.orun.backend.config.OidcSettings;
import dev.orun.backend.http.BackendServer;
import dev.orun.backend.secrets.SecretsKey;
import dev.orun.backend.store.Database;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code orun-backend serve}: migrate, then serve until SIGINT/SIGTERM, then shut down gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the State API server.")
final class ServeCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Mixin SecretsKeyOptions secretsKey;

  @Option(names = "--port", defaultValue = "8080", description = "TCP port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
  String bind;

  @Option(names = "--public-url", paramLabel = "URL",
      description = "The URL people reach this server at (used in login links). Default: the request's host.")
  String publicUrl;

  @Option(names = "--oidc-issuer", defaultValue = OidcSettings.GITHUB_ISSUER,
      description = "Issuer of accepted OIDC tokens. Default: ${DEFAULT-VALUE}.")
  String oidcIssuer;

  @Option(names = "--oidc-jwks-url", paramLabel = "URL", description = "JWKS of the issuer. Default: ISSUER/.well-known/jwks.")
  URI oidcJwks;

  @Option(names = "--oidc-audience", defaultValue = "orun-cloud", description = "Required audience. Default: ${DEFAULT-VALUE}.")
  String oidcAudience;

  @Option(names = "--lease-seconds", defaultValue = "60", description = "Lease length of a claim. Default: ${DEFAULT-VALUE}.")
  int leaseSeconds;

  @Option(names = "--max-jobs-per-run", defaultValue = "1000", description = "Default: ${DEFAULT-VALUE}.")
  int maxJobsPerRun;

  @Option(names = "--max-log-chunk-bytes", defaultValue = "1048576",
      description = "Largest log chunk (UTF-8 bytes), at most 1 MiB. Default: ${DEFAULT-VALUE}.")
  int maxLogChunkBytes;

  @Option(names = "--max-body-bytes", defaultValue = "4194304",
      description = "Largest JSON request body. Default: ${DEFAULT-VALUE}.")
  long maxBodyBytes;

  @Override
  public Integer call() throws Exception {
    if (leaseSeconds < 2) {
      throw new IllegalArgumentException("--lease-seconds must be at least 2");
    }
    if (maxJobsPerRun < 1 || maxLogChunkBytes < 1 || maxLogChunkBytes > (1 << 20) || maxBodyBytes < 1024) {
      throw new IllegalArgumentException("limits: --max-jobs-per-run >= 1, --max-log-chunk-bytes 1..1048576,"
          + " --max-body-bytes >= 1024");
    }
    Limits defaults = Limits.defaults();
    Limits limits = new Limits(maxJobsPerRun, maxLogChunkBytes, maxBodyBytes, defaults.maxObjectBytes(),
        defaults.partSizeBytes(), defaults.maxAssembledObjectBytes());
    URI jwks = oidcJwks != null ? oidcJwks : URI.create(oidcIssuer.replaceAll("/+$", "") + "/.well-known/jwks");
    BackendConfig config = BackendConfig.defaults().withListen(bind, port).withPublicUrl(publicUrl)
        .withOidc(new OidcSettings(oidcIssuer, jwks, oidcAudience))
        .withLease(leaseSeconds, Math.max(1, leaseSeconds / 3)).withLimits(limits);
    Database db = database.open(16);
    db.migrate();
    SecretsKey key = secretsKey.load(database);
    BackendServer server = new BackendServer(db, config, key).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("orun-backend: shutting down (finishing in-flight requests)");
      server.close();
      db.close();
      stopped.countDown();
    }, "orun-backend-shutdown"));
    System.out.println("orun-backend listening on http://" + hostForUrl(bind) + ":" + server.port() + " ("
        + database.describe() + (key == null ? "; no secrets key, so jobs cannot resolve secrets here" : "") + ")");
    System.out.flush();
    stopped.await();
    return 0;
  }

  private static String hostForUrl(String bind) {
    return bind.contains(":") ? "[" + bind + "]" : bind;
  }
}
