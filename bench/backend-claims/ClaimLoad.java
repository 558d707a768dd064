import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for bench/backend-claims.sh (JDK only; run as `java ClaimLoad.java URL TOKEN`).
 * Creates a 1000-job run (10 layers of 100, each job after its twin in the layer before), lets
 * CLIENTS threads claim → heartbeat → complete everything the frontier offers, and reports
 * claim+complete pairs per second and p50/p99 latencies; then measures how long after a claim an
 * event-log long-poll wakes up.
 */
public class ClaimLoad {
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final Pattern EPOCH = Pattern.compile("\"leaseEpoch\":(\\d+)");
  static final Pattern HEAD = Pattern.compile("\"head\":\\{\"seq\":(\\d+)");
  static final Pattern IDS = Pattern.compile("\"([^\"]+@[^\"]+)\"");

  static String base;
  static String token;
  static String state;

  public static void main(String[] args) throws Exception {
    base = args[0];
    token = args[1];
    String label = args.length > 2 ? args[2] : "backend";
    int jobs = Integer.parseInt(System.getenv().getOrDefault("JOBS", "1000"));
    int clients = Integer.parseInt(System.getenv().getOrDefault("CLIENTS", "8"));
    state = "/v1/organizations/bench/projects/claims/state";

    List<String> ids = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < jobs; i++) {
      String id = String.format("job%04d@bench.x", i);
      ids.add(id);
      body.append(i == 0 ? "" : ",").append("{\"jobId\":\"").append(id).append("\",\"deps\":[")
          .append(i >= 100 ? "\"" + String.format("job%04d@bench.x", i - 100) + "\"" : "").append("]}");
    }
    String runId = createRun(body.toString());
    String run = state + "/runs/" + runId;

    ConcurrentLinkedQueue<Long> claimNs = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> beatNs = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> completeNs = new ConcurrentLinkedQueue<>();
    AtomicInteger done = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(clients);
    long t0 = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      String runner = "bench-" + c;
      Random random = new Random(c);
      new Thread(() -> {
        try {
          while (done.get() < jobs) {
            List<String> frontier = new ArrayList<>();
            Matcher m = IDS.matcher(send("GET", run + "/frontier", null));
            while (m.find()) {
              frontier.add(m.group(1));
            }
            if (frontier.isEmpty()) {
              Thread.sleep(2);
              continue;
            }
            Collections.shuffle(frontier, random);
            for (String job : frontier.subList(0, Math.min(4, frontier.size()))) {
              long s = System.nanoTime();
              String claim = send("POST", run + "/jobs/" + job + ":claim", "{\"runnerId\":\"" + runner + "\"}");
              claimNs.add(System.nanoTime() - s);
              Matcher e = EPOCH.matcher(claim);
              if (!claim.contains("\"claimed\":true") || !e.find()) {
                continue;
              }
              String lease = "{\"runnerId\":\"" + runner + "\",\"leaseEpoch\":" + e.group(1);
              s = System.nanoTime();
              send("POST", run + "/jobs/" + job + ":heartbeat", lease + "}");
              beatNs.add(System.nanoTime() - s);
              s = System.nanoTime();
              send("POST", run + "/jobs/" + job + ":complete", lease + ",\"outcome\":\"succeeded\"}");
              completeNs.add(System.nanoTime() - s);
              done.incrementAndGet();
            }
          }
        } catch (Exception ex) {
          ex.printStackTrace();
          System.exit(1);
        } finally {
          finished.countDown();
        }
      }).start();
    }
    finished.await();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double pairs = jobs / seconds;
    System.out.printf("%s: %d jobs, %d clients: %.0f claim+complete pairs/s (%.1f s)%n", label, jobs, clients, pairs,
        seconds);
    System.out.printf("%s: claim     p50 %.1f ms  p99 %.1f ms  (%d claims)%n", label, pct(claimNs, 50), pct(claimNs, 99),
        claimNs.size());
    System.out.printf("%s: heartbeat p50 %.1f ms  p99 %.1f ms%n", label, pct(beatNs, 50), pct(beatNs, 99));
    System.out.printf("%s: complete  p50 %.1f ms  p99 %.1f ms%n", label, pct(completeNs, 50), pct(completeNs, 99));

    List<Long> wake = longPollWakeups(20);
    System.out.printf("%s: long-poll wake-up after the event p50 %.1f ms  p99 %.1f ms%n", label, pctMs(wake, 50),
        pctMs(wake, 99));
    System.out.printf("RESULT %s pairs_per_s=%.0f claim_p99_ms=%.1f wake_p99_ms=%.1f%n", label, pairs,
        pct(claimNs, 99), pctMs(wake, 99));
  }

  /** Each round: a poller waits on the log, the main thread claims; delay = wake - claim answered. */
  static List<Long> longPollWakeups(int rounds) throws Exception {
    List<Long> out = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < rounds; i++) {
      body.append(i == 0 ? "" : ",").append("{\"jobId\":\"w").append(i).append("@bench.x\",\"deps\":[]}");
    }
    String run = state + "/runs/" + createRun(body.toString());
    for (int i = 0; i < rounds; i++) {
      Matcher h = HEAD.matcher(send("GET", run + "/log?from=0", null));
      h.find();
      long head = Long.parseLong(h.group(1));
      long[] woke = new long[1];
      Thread poller = new Thread(() -> {
        try {
          send("GET", run + "/log?from=" + head + "&wait=20", null);
          woke[0] = System.nanoTime();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      poller.start();
      Thread.sleep(200);
      send("POST", run + "/jobs/w" + i + "@bench.x:claim", "{\"runnerId\":\"waker\"}");
      long claimed = System.nanoTime();
      poller.join();
      out.add(Math.max(0, woke[0] - claimed));
    }
    return out;
  }

  static String createRun(String jobsJson) throws Exception {
    byte[] plan = ("{\"bench\":" + System.nanoTime() + "}").getBytes();
    String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plan));
    HttpResponse<String> put = HTTP.send(req(state + "/objects/" + digest).header("Content-Type",
        "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(plan)).build(),
        HttpResponse.BodyHandlers.ofString());
    check(put);
    String runId = ulid();
    send("POST", state + "/runs", "{\"runId\":\"" + runId + "\",\"planDigest\":\"" + digest
        + "\",\"source\":\"cli\",\"jobs\":[" + jobsJson + "]}");
    return runId;
  }

  static String ulid() {
    String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    Random r = new Random();
    StringBuilder s = new StringBuilder().append(alphabet.charAt(r.nextInt(8)));
    for (int i = 1; i < 26; i++) {
      s.append(alphabet.charAt(r.nextInt(32)));
    }
    return s.toString();
  }

  static HttpRequest.Builder req(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token);
  }

  static String send(String method, String path, String json) throws Exception {
    HttpRequest.Builder b = req(path);
    if (json != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    check(r);
    return r.body();
  }

  static void check(HttpResponse<String> r) {
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(r.request().method() + " " + r.uri().getPath() + " -> " + r.statusCode() + " "
          + r.body());
    }
  }

  static double pct(ConcurrentLinkedQueue<Long> ns, int p) {
    return pctMs(new ArrayList<>(ns), p);
  }

  static double pctMs(List<Long> ns, int p) {
    if (ns.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(ns);
    Collections.sort(sorted);
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
  }
}
