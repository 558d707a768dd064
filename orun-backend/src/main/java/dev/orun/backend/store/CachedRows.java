package dev.orun.backend.store;

import java.util.List;

/**
 * The rows a group transaction was decided from without reading them first: the run row and the
 * named jobs (in id order) as this process's own last committed transaction on the run left them.
 * {@link PostgresRunWrites#writeAndCommit} checks them under the locks, before any write, and the
 * transaction fails ({@link PostgresRunWrites#isStale}) unless the database still holds exactly
 * these rows (docs/decisions/backend-group-commit.md).
 */
public record CachedRows(RunRow run, List<JobRow> jobs) {}
