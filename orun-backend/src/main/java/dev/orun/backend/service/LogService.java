package dev.orun.backend.service;

import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.JobRow;
import dev.orun.backend.store.JobStore;
import dev.orun.backend.store.LogStore;
import dev.orun.backend.store.RunRow;
import dev.orun.backend.store.RunStore;
import dev.orun.backend.store.Scope;
import dev.orun.remote.protocol.LogPage;
import dev.orun.remote.protocol.SeqResponse;
import dev.orun.remote.protocol.WireEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Job logs as numbered chunks: append under the job's row lock, read in pages by sequence. */
public final class LogService {
  static final int PAGE_CHUNKS = 512;

  private final Database db;
  private final RunStore runs = new RunStore();
  private final JobStore jobs = new JobStore();
  private final LogStore logs = new LogStore();
  private final RunSignals signals;
  private final BackendConfig config;

  public LogService(Database db, RunSignals signals, BackendConfig config) {
    this.db = db;
    this.signals = signals;
    this.config = config;
  }

  public SeqResponse append(Scope scope, String runId, String jobId, String runnerId, String content, Caller caller) {
    String runner = Ids.runnerId(runnerId);
    if (content == null) {
      throw ApiException.invalid("content", "required");
    }
    int size = content.getBytes(StandardCharsets.UTF_8).length;
    if (size > config.limits().maxLogChunkBytes()) {
      throw ApiException.tooLarge("log chunk", config.limits().maxLogChunkBytes());
    }
    long[] runKey = new long[1];
    SeqResponse r = db.inTransaction(c -> {
      RunRow run = runs.lock(c, scope, runId); // the run first, then the job: the order every write locks in
      if (run == null) {
        throw ApiException.notFound("run " + runId);
      }
      JobRow job = jobs.lock(c, run.id(), jobId);
      if (job == null) {
        throw ApiException.notFound("job " + jobId);
      }
      if (job.runnerId() != null && !job.runnerId().equals(runner)) {
        throw ApiException.leaseLost();
      }
      long seq = job.logNextSeq();
      long now = config.clock().millis();
      logs.insert(c, run.id(), jobId, seq, content);
      EventLog log = EventLog.open(run);
      log.append(List.of(CoordinationService.event(WireEvent.JOB_LOG_CHUNK, jobId, caller, now,
          Map.of("runnerId", runner, "chunkSeq", seq))), 0, 0, now, caller);
      jobs.update(c, job.withLogNextSeq(seq + 1));
      log.flush(c);
      runKey[0] = run.id();
      return new SeqResponse(seq);
    });
    signals.changed(runKey[0]);
    return r;
  }

  public LogPage read(Scope scope, String runId, String jobId, long fromSeq) {
    if (fromSeq < 0) {
      throw ApiException.badRequest("fromSeq must be >= 0");
    }
    return db.read(c -> {
      RunRow run = runs.find(c, scope, runId);
      if (run == null) {
        throw ApiException.notFound("run " + runId);
      }
      JobRow job = jobs.find(c, run.id(), jobId);
      if (job == null) {
        throw ApiException.notFound("job " + jobId);
      }
      List<LogStore.Chunk> chunks = logs.from(c, run.id(), jobId, fromSeq, PAGE_CHUNKS + 1);
      boolean more = chunks.size() > PAGE_CHUNKS;
      List<LogStore.Chunk> page = more ? chunks.subList(0, PAGE_CHUNKS) : chunks;
      StringBuilder content = new StringBuilder();
      page.forEach(ch -> content.append(ch.content()));
      long next = page.isEmpty() ? fromSeq : page.get(page.size() - 1).seq() + 1;
      return new LogPage(content.toString(), next, job.phase().terminal() && !more);
    });
  }
}
