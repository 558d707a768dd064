package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Where a run's plan came from in git (all fields best effort). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitInfo(String commit, String ref, boolean dirty) {}
