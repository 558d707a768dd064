package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The error body of every non-2xx answer: {@code {"error":{"code","message","details"?},
 * "requestId"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiError(Body error, String requestId) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Body(String code, String message, Map<String, Object> details) {}

  public static ApiError of(String code, String message, Map<String, Object> details, String requestId) {
    return new ApiError(new Body(code, message, details), requestId);
  }
}
