package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET …/frontier}: ids of queued jobs whose dependencies all succeeded, sorted. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FrontierResponse(List<String> jobs) {}
