package dev.orun.backend.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Prometheus text the server renders: cumulative latency buckets, counters by label. */
class MetricsTest {
  private static final String SERIES = "orun_http_request_duration_seconds_bucket{method=\"POST\",route=\"/r\",status=\"200\",";

  @Test
  void latencyBucketsAreCumulativeAndABoundHoldsItsOwnValue() {
    Metrics m = new Metrics();
    for (double s : new double[] {0.0005, 0.003, 0.005, 0.2, 40}) {
      m.observeRequest("POST", "/r", 200, s);
    }
    String text = m.render();
    assertThat(text)
        .contains(SERIES + "le=\"0.001\"} 1\n")
        .contains(SERIES + "le=\"0.0025\"} 1\n")
        .contains(SERIES + "le=\"0.005\"} 3\n")
        .contains(SERIES + "le=\"0.1\"} 3\n")
        .contains(SERIES + "le=\"0.25\"} 4\n")
        .contains(SERIES + "le=\"30.0\"} 4\n")
        .contains(SERIES + "le=\"+Inf\"} 5\n")
        .contains("orun_http_request_duration_seconds_count{method=\"POST\",route=\"/r\",status=\"200\"} 5\n");
    String sum = text.lines().filter(l -> l.startsWith("orun_http_request_duration_seconds_sum{")).findFirst()
        .orElseThrow();
    assertThat(Double.parseDouble(sum.substring(sum.lastIndexOf(' ') + 1))).isCloseTo(40.2085,
        org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void countersAreGroupedUnderOneTypeLine() {
    Metrics m = new Metrics();
    m.inc("orun_claims_total", "result=\"won\"");
    m.inc("orun_claims_total", "result=\"won\"");
    m.inc("orun_claims_total", "result=\"lost\"");
    assertThat(m.render()).contains("# TYPE orun_claims_total counter\n"
        + "orun_claims_total{result=\"lost\"} 1\n"
        + "orun_claims_total{result=\"won\"} 2\n");
  }
}
