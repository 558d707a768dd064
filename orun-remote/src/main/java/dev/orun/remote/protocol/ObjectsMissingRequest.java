package dev.orun.remote.protocol;

import java.util.List;

/** {@code POST …/objects/missing}: which of these digests does the server not have? */
public record ObjectsMissingRequest(List<String> digests) {}
