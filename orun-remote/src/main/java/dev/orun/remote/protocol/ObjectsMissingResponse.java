package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The digests of the request the server does not hold, in request order. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObjectsMissingResponse(List<String> missing) {}
