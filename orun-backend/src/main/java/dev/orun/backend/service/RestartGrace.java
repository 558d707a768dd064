package dev.orun.backend.service;

import dev.orun.backend.config.BackendConfig;

/**
 * One lease length after this instance started, no lease counts as lapsed here: while the server
 * was down its runners could not renew, so a lease that ran out then says nothing about the runner.
 * They renew within a heartbeat of the restart; one that does not is taken over a lease later.
 * (Decision: docs/decisions/backend-coordination.md.)
 */
final class RestartGrace {
  private final long until;

  RestartGrace(BackendConfig config) {
    this.until = config.clock().millis() + config.leaseSeconds() * 1000L;
  }

  /** True while leases may not be judged lapsed. */
  boolean active(long now) {
    return now < until;
  }
}
