package dev.orun.backend.service;

import dev.orun.backend.Json;
import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.EventHeads;
import dev.orun.backend.store.EventStore;
import dev.orun.backend.store.Scope;
import dev.orun.backend.store.StoredEvent;
import dev.orun.remote.protocol.WireEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run's event log, optionally long-polling. While it waits it holds no database
 * connection: each look borrows one for a single query of the log's head. This instance's commits
 * wake it at once; another instance's commits are seen by the look every {@link #RECHECK_MILLIS}.
 * Events are served from {@link EventTail} when it holds all of a page, else read from the
 * database (and kept there for the run's other followers); the page is written as JSON bytes.
 */
public final class EventService {
  static final long RECHECK_MILLIS = 250;
  static final int PAGE = 1000;

  private final Database db;
  private final EventHeads heads = new EventHeads();
  private final EventStore events = new EventStore();
  private final EventTail tail = new EventTail();
  private final RunSignals signals;
  private final BackendConfig config;

  public EventService(Database db, RunSignals signals, BackendConfig config) {
    this.db = db;
    this.signals = signals;
    this.config = config;
  }

  /** The JSON of an {@link dev.orun.remote.protocol.EventPage}: events with {@code seq > from} and the head. */
  public byte[] read(Scope scope, String runId, long from, long waitSeconds) {
    if (from < 0) {
      throw ApiException.badRequest("from must be >= 0");
    }
    EventHeads.Head run = db.read(c -> heads.find(c, scope, runId));
    if (run == null) {
      throw ApiException.notFound("run " + runId);
    }
    long waitMillis = Math.min(Math.max(0, waitSeconds) * 1000L, config.maxLongPoll().toMillis());
    long deadline = System.nanoTime() + waitMillis * 1_000_000L;
    long head = run.lastSeq();
    if (head <= from && waitMillis > 0) {
      while (true) {
        // the version before the look: a commit after the look moves it, so the wait cannot miss it
        long version = signals.version(run.runId());
        head = lastSeq(run);
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (head > from || left <= 0 || signals.closed()) {
          break;
        }
        signals.await(run.runId(), version, Math.min(left, RECHECK_MILLIS));
        if (Thread.currentThread().isInterrupted()) {
          break;
        }
      }
    }
    if (head <= from) {
      return EventPages.encode(List.of(), head);
    }
    return page(run, from, head);
  }

  /** Events after {@code from} (head > from): from the tail when it holds them all, else the database. */
  private byte[] page(EventHeads.Head run, long from, long head) {
    long to = Math.min(head, from + PAGE);
    EventTail.Segment segment = tail.of(run.runId());
    // One follower reads what is missing while the run's others wait for it here (on the lock, not
    // on a connection), then find it held.
    synchronized (segment) {
      List<byte[]> held = segment.slice(from, to);
      if (held != null) {
        return EventPages.encode(held, head);
      }
      List<StoredEvent> stored = db.read(c -> events.after(c, run.runId(), from, PAGE));
      List<byte[]> encoded = new ArrayList<>(stored.size());
      for (StoredEvent e : stored) {
        encoded.add(encode(run.runUlid(), e));
      }
      if (!stored.isEmpty()) {
        segment.add(stored.get(0).seq(), encoded);
        head = Math.max(head, stored.get(stored.size() - 1).seq());
      }
      return EventPages.encode(encoded, head);
    }
  }

  private long lastSeq(EventHeads.Head run) {
    long head = db.read(c -> heads.lastSeq(c, run.runId()));
    if (head < 0) {
      throw ApiException.notFound("run " + run.runUlid());
    }
    return head;
  }

  private static byte[] encode(String runUlid, StoredEvent e) {
    String subject = e.jobId() != null ? e.jobId() : runUlid;
    return Json.writeBytes(new WireEvent(e.seq(), e.kind(), runUlid, e.jobId(),
        new WireEvent.EventActor(e.actorId(), e.actorType()), Instant.ofEpochMilli(e.at()),
        subject + ":" + e.kind() + ":" + e.seq(), 1, Json.readMap(e.payloadJson())));
  }

  /** The page's JSON, assembled from the events' own JSON exactly as Jackson writes an {@code EventPage}. */
  static final class EventPages {
    private static final byte[] OPEN = "{\"events\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD = "],\"head\":{\"seq\":".getBytes(StandardCharsets.US_ASCII);

    private EventPages() {}

    static byte[] encode(List<byte[]> events, long head) {
      int size = OPEN.length + HEAD.length + 22;
      for (byte[] e : events) {
        size += e.length + 1;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(size);
      out.writeBytes(OPEN);
      for (int i = 0; i < events.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.writeBytes(events.get(i));
      }
      out.writeBytes(HEAD);
      out.writeBytes(Long.toString(head).getBytes(StandardCharsets.US_ASCII));
      out.write('}');
      out.write('}');
      return out.toByteArray();
    }
  }
}
