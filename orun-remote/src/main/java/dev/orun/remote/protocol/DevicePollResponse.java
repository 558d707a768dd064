package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code {status:"pending", error?}} or {@code {status:"complete", session}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DevicePollResponse(String status, String error, Session session) {
  public static DevicePollResponse pending() {
    return new DevicePollResponse("pending", ErrorCodes.AUTHORIZATION_PENDING, null);
  }

  public static DevicePollResponse complete(Session session) {
    return new DevicePollResponse("complete", null, session);
  }
}
