package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** {@code GET …/runs}: a page of runs, newest first, and the cursor of the next page. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunList(List<RunView> runs, Cursor nextCursor) {
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Cursor(Instant createdAt, String id) {}
}
