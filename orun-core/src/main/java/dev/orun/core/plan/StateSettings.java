package dev.orun.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Where execution state lives: {@code local} (the default) or {@code remote} with a backend URL. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"mode", "backendUrl"})
public record StateSettings(String mode, String backendUrl) {
    public static final String MODE_LOCAL = "local";
    public static final String MODE_REMOTE = "remote";
}
