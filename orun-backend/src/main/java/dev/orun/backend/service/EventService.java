package dev.orun.backend.service;

import dev.orun.backend.Json;
import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.EventStore;
import dev.orun.backend.store.RunRow;
import dev.orun.backend.store.RunStore;
import dev.orun.backend.store.Scope;
import dev.orun.backend.store.StoredEvent;
import dev.orun.remote.protocol.EventPage;
import dev.orun.remote.protocol.WireEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run's event log, optionally long-polling. While it waits it holds no database
 * connection: each re-read borrows one for a single query. This instance's commits wake it at
 * once; another instance's commits are seen by the re-read every {@link #RECHECK_MILLIS}.
 */
public final class EventService {
  static final long RECHECK_MILLIS = 250;
  private static final int PAGE = 1000;

  private final Database db;
  private final RunStore runs = new RunStore();
  private final EventStore events = new EventStore();
  private final RunSignals signals;
  private final BackendConfig config;

  public EventService(Database db, RunSignals signals, BackendConfig config) {
    this.db = db;
    this.signals = signals;
    this.config = config;
  }

  public EventPage read(Scope scope, String runId, long from, long waitSeconds) {
    if (from < 0) {
      throw ApiException.badRequest("from must be >= 0");
    }
    RunRow run = db.read(c -> runs.find(c, scope, runId));
    if (run == null) {
      throw ApiException.notFound("run " + runId);
    }
    long waitMillis = Math.min(Math.max(0, waitSeconds) * 1000L, config.maxLongPoll().toMillis());
    long deadline = System.nanoTime() + waitMillis * 1_000_000L;
    while (true) {
      long version = signals.version(run.id());
      Page page = db.read(c -> new Page(events.after(c, run.id(), from, PAGE), runs.findById(c, run.id()).lastSeq()));
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (!page.events.isEmpty() || left <= 0 || signals.closed()) {
        return new EventPage(wire(run.runUlid(), page.events), new EventPage.Head(page.head));
      }
      signals.await(run.id(), version, Math.min(left, RECHECK_MILLIS));
      if (Thread.currentThread().isInterrupted()) {
        return new EventPage(List.of(), new EventPage.Head(page.head));
      }
    }
  }

  private static List<WireEvent> wire(String runUlid, List<StoredEvent> stored) {
    List<WireEvent> out = new ArrayList<>(stored.size());
    for (StoredEvent e : stored) {
      String subject = e.jobId() != null ? e.jobId() : runUlid;
      out.add(new WireEvent(e.seq(), e.kind(), runUlid, e.jobId(), new WireEvent.EventActor(e.actorId(), e.actorType()),
          Instant.ofEpochMilli(e.at()), subject + ":" + e.kind() + ":" + e.seq(), 1, Json.readMap(e.payloadJson())));
    }
    return out;
  }

  private record Page(List<StoredEvent> events, long head) {}
}
