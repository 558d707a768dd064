package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code {"seq": N}}: the sequence number a write was given. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeqResponse(long seq) {}
