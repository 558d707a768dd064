package dev.orun.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds runs the way a client does: upload the plan blob, then create the run with its DAG. */
public final class Runs {
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Runs() {}

  /** A random wire run id (26-char Crockford ULID, first char 0–7). */
  public static String newRunId() {
    StringBuilder s = new StringBuilder();
    s.append(ALPHABET.charAt(RANDOM.nextInt(8)));
    for (int i = 1; i < 26; i++) {
      s.append(ALPHABET.charAt(RANDOM.nextInt(32)));
    }
    return s.toString();
  }

  public static String digest(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Jobs as id → deps, in insertion order. */
  public static Map<String, List<String>> dag(Object... idsAndDeps) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < idsAndDeps.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> deps = (List<String>) idsAndDeps[i + 1];
      out.put((String) idsAndDeps[i], deps);
    }
    return out;
  }

  public static String createBody(String runId, String planDigest, Map<String, List<String>> jobs) {
    ObjectNode body = JSON.createObjectNode();
    body.put("runId", runId);
    body.put("planDigest", planDigest);
    body.put("source", "ci");
    ArrayNode arr = body.putArray("jobs");
    jobs.forEach((id, deps) -> {
      ObjectNode j = arr.addObject();
      j.put("jobId", id);
      j.put("component", id.contains("@") ? id.substring(0, id.indexOf('@')) : id);
      ArrayNode d = j.putArray("deps");
      deps.forEach(d::add);
    });
    return body.toString();
  }

  /** Uploads a plan blob for {@code jobs} and creates the run; returns the run id. */
  public static String create(Api api, String state, Map<String, List<String>> jobs) {
    String runId = newRunId();
    byte[] plan = ("{\"plan\":\"" + runId + "\",\"jobs\":" + jobs.keySet().size() + "}").getBytes(StandardCharsets.UTF_8);
    String digest = digest(plan);
    Api.Response put = api.put(state + "/objects/" + digest, plan);
    assertThat(put.status()).as("plan upload %s", put).isIn(200, 201);
    Api.Response created = api.post(state + "/runs", createBody(runId, digest, jobs));
    assertThat(created.status()).as("create %s", created).isEqualTo(201);
    return runId;
  }

  public static String claimBody(String runner) {
    return "{\"runnerId\":\"" + runner + "\"}";
  }

  public static String leaseBody(String runner, long epoch) {
    return "{\"runnerId\":\"" + runner + "\",\"leaseEpoch\":" + epoch + "}";
  }

  public static String completeBody(String runner, long epoch, String outcome) {
    return "{\"runnerId\":\"" + runner + "\",\"leaseEpoch\":" + epoch + ",\"outcome\":\"" + outcome + "\"}";
  }
}
