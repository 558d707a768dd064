package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Dialect A success wrapper {@code {"data": payload, "meta": {"requestId","cursor"}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DataEnvelope<T>(T data, Meta meta) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Meta(String requestId, String cursor) {}

  public static <T> DataEnvelope<T> of(T data, String requestId) {
    return new DataEnvelope<>(data, new Meta(requestId, null));
  }
}
