package dev.orun.backend.store;

import java.util.Map;

/**
 * What a group transaction on a run starts from: the run row and the named jobs of it that exist,
 * by id, both under their row locks.
 */
public record LockedRun(RunRow run, Map<String, JobRow> jobs) {}
