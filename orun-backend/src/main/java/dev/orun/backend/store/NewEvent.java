package dev.orun.backend.store;

import java.util.Map;

/** An event about to be appended; the store gives it the next sequence number of its run. */
public record NewEvent(String kind, String jobId, String actorId, String actorType, long at,
    Map<String, Object> payload) {}
