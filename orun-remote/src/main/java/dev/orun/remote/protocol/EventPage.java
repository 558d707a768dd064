package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET …/log?from=&wait=}: events with {@code seq > from} and the log's head. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventPage(List<WireEvent> events, Head head) {
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Head(long seq) {}
}
