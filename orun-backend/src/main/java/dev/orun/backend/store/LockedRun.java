package dev.orun.backend.store;

import java.util.List;
import java.util.Map;

/**
 * What a group transaction on a run starts from: the run row and the named jobs of it that exist,
 * both under their row locks, and (on PostgreSQL, read in the same round trip) the dependents of
 * those jobs, by job: what a success among them must update. Empty on H2, which counts dependents
 * with {@link JobStore#dependencySucceeded} instead.
 */
public record LockedRun(RunRow run, Map<String, JobRow> jobs, Map<String, List<String>> dependents) {}
