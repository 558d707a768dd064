package dev.orun.backend.ops;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and request-latency histograms, rendered in the Prometheus text format. Hand-written
 * because the server needs a dozen series, not a metrics framework.
 */
public final class Metrics {
  private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  /** By series: the label text is built once per series, not on every request. */
  private final Map<Series, Histogram> latencies = new ConcurrentHashMap<>();

  private record Series(String method, String route, int status) {
    String labels() {
      return "method=\"" + method + "\",route=\"" + route.replace("\"", "") + "\",status=\"" + status + "\"";
    }
  }

  /** Adds one to {@code name{labels}}; labels are written as given, e.g. {@code result="won"}. */
  public void inc(String name, String labels) {
    counters.computeIfAbsent(key(name, labels), k -> new LongAdder()).increment();
  }

  public void observeRequest(String method, String route, int status, double seconds) {
    Histogram h = latencies.get(new Series(method, route, status));
    if (h == null) {
      h = latencies.computeIfAbsent(new Series(method, route, status), k -> new Histogram());
    }
    h.observe(seconds);
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    Map<String, Map<String, Long>> byName = new TreeMap<>();
    counters.forEach((k, v) -> {
      int brace = k.indexOf('{');
      String name = brace < 0 ? k : k.substring(0, brace);
      byName.computeIfAbsent(name, n -> new TreeMap<>()).put(k, v.sum());
    });
    byName.forEach((name, series) -> {
      out.append("# TYPE ").append(name).append(" counter\n");
      series.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
    });
    out.append("# TYPE orun_http_request_duration_seconds histogram\n");
    Map<String, Histogram> byLabels = new TreeMap<>();
    latencies.forEach((series, h) -> byLabels.put(series.labels(), h));
    byLabels.forEach((labels, h) -> h.render(out, "orun_http_request_duration_seconds", labels));
    return out.toString();
  }

  private static String key(String name, String labels) {
    return labels == null || labels.isEmpty() ? name : name + "{" + labels + "}";
  }

  /**
   * One counter per bucket, not per "less or equal" bound: a request adds to one counter (the
   * cumulative counts Prometheus wants are summed when rendered), where adding to every bound at or
   * above its latency was up to 14 contended atomic increments per request.
   */
  private static final class Histogram {
    /** counts[i]: observations in (BUCKETS[i-1], BUCKETS[i]]; the last, above every bound. */
    private final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
    private final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

    Histogram() {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void observe(double seconds) {
      int i = 0;
      while (i < BUCKETS.length && seconds > BUCKETS[i]) {
        i++;
      }
      counts[i].increment();
      sum.add(seconds);
    }

    void render(StringBuilder out, String name, String labels) {
      long cumulative = 0;
      for (int i = 0; i < BUCKETS.length; i++) {
        cumulative += counts[i].sum();
        out.append(name).append("_bucket{").append(labels).append(",le=\"").append(BUCKETS[i]).append("\"} ")
            .append(cumulative).append('\n');
      }
      long total = cumulative + counts[BUCKETS.length].sum();
      out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(total).append('\n');
      out.append(name).append("_sum{").append(labels).append("} ").append(sum.sum()).append('\n');
      out.append(name).append("_count{").append(labels).append("} ").append(total).append('\n');
    }
  }
}
