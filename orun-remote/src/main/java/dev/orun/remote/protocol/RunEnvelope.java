package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code {"run": Run}}, the payload of create and get. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunEnvelope(RunView run) {}
