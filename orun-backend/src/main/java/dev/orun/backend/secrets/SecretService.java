package dev.orun.backend.secrets;

import dev.orun.backend.service.ApiException;
import dev.orun.backend.service.Ids;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.JobRow;
import dev.orun.backend.store.JobStore;
import dev.orun.backend.store.Phase;
import dev.orun.backend.store.RunRow;
import dev.orun.backend.store.RunStore;
import dev.orun.backend.store.Scope;
import dev.orun.backend.store.SecretStore;
import dev.orun.backend.store.StoreException;
import dev.orun.core.plan.Job.SecretRef;
import dev.orun.remote.protocol.ErrorCodes;
import dev.orun.remote.protocol.ResolveSecretsRequest;
import dev.orun.remote.protocol.ResolveSecretsResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Project secrets: stored sealed ({@link SecretCipher}), listed without values, and resolved only
 * for the holder of a job's live lease (docs/decisions/backend-secrets.md). Values never reach an
 * exception message, a log line or a {@code toString}.
 */
public final class SecretService {
  /** How long a runner may keep resolved values (informational: ours use them for one job). */
  public static final int TTL_SECONDS = 300;
  private static final Pattern KEY = Pattern.compile("[A-Z0-9_]{1,128}");
  private static final int MAX_VALUE_BYTES = 64 * 1024;
  private static final int MAX_REFS = 200;
  private static final int MAX_REF_LENGTH = 1024;

  private final Database db;
  private final SecretsKey key;
  private final Clock clock;
  private final SecretStore secrets = new SecretStore();
  private final RunStore runs = new RunStore();
  private final JobStore jobs = new JobStore();

  /** @param key the sealing key, or {@code null} on a server started without one (resolve then refuses) */
  public SecretService(Database db, SecretsKey key, Clock clock) {
    this.db = db;
    this.key = key;
    this.clock = clock;
  }

  /** A stored key and its version. */
  public record Stored(String key, int version) {}

  /**
   * The key {@code name} is stored under: a bare key or a {@code secret://} reference, normalised
   * like the references jobs name ({@code db-password} → {@code DB_PASSWORD}).
   */
  public static String keyOf(String name) {
    String k = name == null ? "" : SecretRef.keyOf(name.strip());
    if (!KEY.matcher(k).matches()) {
      throw new IllegalArgumentException("a secret key needs letters, digits or _ (at most 128), got '"
          + (name == null ? "" : name) + "'");
    }
    return k;
  }

  /** Stores {@code value} under {@code name}'s key: version 1, or the stored version + 1. */
  public Stored set(Scope scope, String name, String value) {
    String k = keyOf(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("the value of " + k + " is empty");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException("the value of " + k + " exceeds " + MAX_VALUE_BYTES + " bytes");
    }
    SecretCipher.Sealed sealed = new SecretCipher(requireKey()).seal(scope, k, value);
    try {
      return put(scope, k, sealed);
    } catch (StoreException firstWriterRaced) {
      return put(scope, k, sealed); // another `secret set` of the same new key won the insert
    }
  }

  private Stored put(Scope scope, String k, SecretCipher.Sealed sealed) {
    long now = clock.millis();
    return db.inTransaction(c -> new Stored(k, secrets.put(c, scope, k, key.id(), sealed.nonce(),
        sealed.ciphertext(), now)));
  }

  public List<SecretStore.Listed> list(Scope scope) {
    return db.read(c -> secrets.list(c, scope));
  }

  public boolean delete(Scope scope, String name) {
    String k = keyOf(name);
    return db.read(c -> secrets.delete(c, scope, k));
  }

  /**
   * The values of {@code req}'s references for the caller holding the job's live lease (else 409
   * {@code lease_lost}). A required reference without a value is a 404 naming the missing keys;
   * a missing optional one is left out.
   */
  public ResolveSecretsResponse resolve(Scope scope, String runId, ResolveSecretsRequest req) {
    String runner = Ids.runnerId(req.runnerId());
    if (!Ids.isJobId(req.jobId())) {
      throw ApiException.invalid("jobId", "required: letters, digits and @ . _ + - only");
    }
    if (req.leaseEpoch() == null || req.leaseEpoch() < 1) {
      throw ApiException.invalid("leaseEpoch", "required, at least 1");
    }
    Map<String, String> required = keys(req.refs(), "refs");
    Map<String, String> optional = keys(req.optionalRefs(), "optionalRefs");
    return db.read(c -> {
      RunRow run = runs.find(c, scope, runId);
      if (run == null) {
        throw ApiException.notFound("run " + runId);
      }
      JobRow job = jobs.find(c, run.id(), req.jobId());
      if (job == null) {
        throw ApiException.notFound("job " + req.jobId());
      }
      if (job.phase() != Phase.CLAIMED || !runner.equals(job.runnerId()) || job.leaseEpoch() != req.leaseEpoch()
          || !job.leaseLive(clock.millis())) {
        throw ApiException.leaseLost();
      }
      Set<String> wanted = new TreeSet<>(required.values());
      wanted.addAll(optional.values());
      Map<String, SecretStore.Sealed> stored = secrets.find(c, scope, wanted);
      List<String> missing = new ArrayList<>(new TreeSet<>(required.values()));
      missing.removeAll(stored.keySet());
      if (!missing.isEmpty()) {
        throw new ApiException(404, ErrorCodes.NOT_FOUND, (missing.size() == 1 ? "secret " : "secrets ")
            + String.join(", ", missing) + " not set in project " + scope.org() + "/" + scope.project(),
            Map.of("missing", missing));
      }
      return open(scope, stored);
    });
  }

  private ResolveSecretsResponse open(Scope scope, Map<String, SecretStore.Sealed> stored) {
    if (stored.isEmpty()) {
      return new ResolveSecretsResponse(Map.of(), List.of(), TTL_SECONDS);
    }
    SecretCipher cipher = new SecretCipher(requireKey());
    Map<String, String> values = new TreeMap<>();
    List<ResolveSecretsResponse.Resolved> resolved = new ArrayList<>();
    for (SecretStore.Sealed s : stored.values()) {
      String value = s.keyId().equals(key.id()) ? cipher.open(scope, s.key(), s.nonce(), s.ciphertext()) : null;
      if (value == null) {
        throw new ApiException(503, ErrorCodes.UNAVAILABLE, "secret " + s.key() + " was stored with another"
            + " secrets key (id " + s.keyId() + ", this server has " + key.id() + "); set it again or start the"
            + " server with the key it was stored with");
      }
      values.put(s.key(), value);
      resolved.add(new ResolveSecretsResponse.Resolved(s.key(), s.version(), "project", false, null));
    }
    return new ResolveSecretsResponse(values, resolved, TTL_SECONDS);
  }

  /** Reference → key, validated; 422 naming the field of a bad one. */
  private static Map<String, String> keys(List<String> refs, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    if (refs == null) {
      return out;
    }
    if (refs.size() > MAX_REFS) {
      throw ApiException.invalid(field, "at most " + MAX_REFS + " references");
    }
    for (int i = 0; i < refs.size(); i++) {
      String ref = refs.get(i);
      String k = ref == null || ref.length() > MAX_REF_LENGTH ? "" : SecretRef.keyOf(ref);
      if (!KEY.matcher(k).matches()) {
        throw ApiException.invalid(field + "[" + i + "]", "not a secret reference");
      }
      out.put(ref, k);
    }
    return out;
  }

  private SecretsKey requireKey() {
    if (key == null) {
      throw new ApiException(503, ErrorCodes.UNAVAILABLE, "this server has no secrets key: start it with"
          + " --secrets-key-file FILE or " + SecretsKey.ENV);
    }
    return key;
  }
}
