package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One job of a create-run request: its id, component (optional) and dependency ids. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobSpec(String jobId, String component, List<String> deps) {
  public JobSpec {
    deps = deps == null ? List.of() : List.copyOf(deps);
  }
}
