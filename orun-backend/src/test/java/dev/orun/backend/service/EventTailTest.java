package dev.orun.backend.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.backend.Json;
import dev.orun.remote.protocol.EventPage;
import dev.orun.remote.protocol.WireEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-memory tail of a run's event log: a page only when every event of it is held. */
class EventTailTest {

  private static List<byte[]> events(long first, long last) {
    List<byte[]> out = new ArrayList<>();
    for (long s = first; s <= last; s++) {
      out.add(("e" + s).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static List<String> text(List<byte[]> events) {
    return events == null ? null : events.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void servesOnlyRangesItHoldsCompletely() {
    EventTail.Segment s = new EventTail().of(7);
    assertThat(s.slice(0, 1)).as("nothing held yet").isNull();
    s.add(3, events(3, 6));
    assertThat(text(s.slice(2, 6))).containsExactly("e3", "e4", "e5", "e6");
    assertThat(text(s.slice(4, 5))).containsExactly("e5");
    assertThat(s.slice(1, 4)).as("event 2 is not held").isNull();
    assertThat(s.slice(5, 7)).as("event 7 is not held").isNull();
    assertThat(s.slice(6, 6)).as("an empty range is the caller's to answer").isNull();
  }

  @Test
  void joinsOverlappingReadsAndReplacesOnAGap() {
    EventTail.Segment s = new EventTail().of(1);
    s.add(1, events(1, 3));
    s.add(2, events(2, 5));
    assertThat(text(s.slice(0, 5))).containsExactly("e1", "e2", "e3", "e4", "e5");
    s.add(6, events(6, 6));
    assertThat(text(s.slice(4, 6))).containsExactly("e5", "e6");
    s.add(2, events(2, 4));
    assertThat(text(s.slice(0, 6))).as("an older read changes nothing").hasSize(6);
    s.add(9, events(9, 10));
    assertThat(s.slice(5, 6)).as("a read that does not join on replaces what was held").isNull();
    assertThat(text(s.slice(8, 10))).containsExactly("e9", "e10");
  }

  @Test
  void keepsTheNewestEventsOfALongRun() {
    EventTail.Segment s = new EventTail().of(1);
    long last = 0;
    while (last < 4 * EventTail.KEEP) {
      s.add(last + 1, events(last + 1, last + 100));
      last += 100;
    }
    assertThat(s.slice(last - EventTail.KEEP, last)).hasSize(EventTail.KEEP);
    assertThat(s.slice(0, 10)).isNull();
    assertThat(text(s.slice(last - 1, last))).containsExactly("e" + last);
  }

  @Test
  void forgetsTheLeastRecentlyReadRun() {
    EventTail tail = new EventTail();
    tail.of(0).add(1, events(1, 1));
    for (long run = 1; run <= EventTail.RUNS; run++) {
      tail.of(run);
    }
    assertThat(tail.of(0).slice(0, 1)).isNull();
  }

  @Test
  void pagesAreWrittenExactlyAsJacksonWritesAnEventPage() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("runnerId", "r1");
    payload.put("leaseEpoch", 2);
    payload.put("reason", null);
    WireEvent job = new WireEvent(4, WireEvent.JOB_CLAIMED, "01RUN", "api@dev.smoke",
        new WireEvent.EventActor("tok_1", "api"), Instant.ofEpochMilli(1_700_000_000_123L), "k4", 1, payload);
    WireEvent run = new WireEvent(5, WireEvent.RUN_COMPLETED, "01RUN", null,
        new WireEvent.EventActor("tok_1", "api"), Instant.ofEpochMilli(1_700_000_000_000L), "k5", 1, Map.of());
    assertThat(new String(EventService.EventPages.encode(List.of(Json.writeBytes(job), Json.writeBytes(run)), 9),
        StandardCharsets.UTF_8)).isEqualTo(Json.write(new EventPage(List.of(job, run), new EventPage.Head(9))));
    assertThat(new String(EventService.EventPages.encode(List.of(), 0), StandardCharsets.UTF_8))
        .isEqualTo(Json.write(new EventPage(List.of(), new EventPage.Head(0))));
  }
}
