package dev.orun.backend.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent events of the runs being followed, as their wire JSON, so that eight runners
 * following one run cost one database read and one serialisation per event instead of eight.
 *
 * <p>It is only a copy of what the database returned: every entry is the encoding of the stored
 * event with that sequence number, read from the database, and the log is append-only (an event
 * is never changed or removed), so an entry can never go stale. Each run's entries are one
 * contiguous range of sequence numbers; a range that does not join on replaces it (followers read
 * at the head). A page is served from here only when every event of it is held
 * (docs/decisions/backend-event-tail.md).
 */
final class EventTail {
  /** Events kept per run (a page is at most {@link EventService#PAGE}). */
  static final int KEEP = 2048;
  /** Runs kept, least recently read dropped first. */
  static final int RUNS = 32;

  private final Map<Long, Segment> runs = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Segment> eldest) {
      return size() > RUNS;
    }
  };

  /** The run's segment, created empty; callers read and fill it under its own lock. */
  synchronized Segment of(long runId) {
    return runs.computeIfAbsent(runId, id -> new Segment());
  }

  /** One run's contiguous range of encoded events. Not thread-safe: lock it. */
  static final class Segment {
    private final List<byte[]> events = new ArrayList<>();
    private long first = 1; // the sequence number of events.get(0)

    /** The events with {@code from < seq <= to}, or null unless every one of them is held. */
    List<byte[]> slice(long from, long to) {
      long last = first + events.size() - 1;
      if (to <= from || from + 1 < first || to > last) {
        return null;
      }
      return new ArrayList<>(events.subList((int) (from + 1 - first), (int) (to - first + 1)));
    }

    /** Adds events with sequence numbers {@code firstSeq, firstSeq+1, …} as read from the log. */
    void add(long firstSeq, List<byte[]> encoded) {
      if (encoded.isEmpty()) {
        return;
      }
      long last = first + events.size() - 1;
      long newLast = firstSeq + encoded.size() - 1;
      if (events.isEmpty() || firstSeq > last + 1) {
        events.clear();
        events.addAll(encoded);
        first = firstSeq;
      } else if (newLast > last) {
        events.addAll(encoded.subList((int) (last + 1 - firstSeq), encoded.size()));
      } else {
        return; // older than or within what is held
      }
      if (events.size() > KEEP + KEEP / 2) {
        int drop = events.size() - KEEP;
        events.subList(0, drop).clear();
        first += drop;
      }
    }
  }
}
