package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * One entry of a run's append-only event log. {@code seq} is gap-free from 1. Readers ignore
 * kinds and payload fields they do not know.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireEvent(
    long seq,
    String kind,
    String runId,
    String jobId,
    EventActor actor,
    Instant at,
    String idempotencyKey,
    int v,
    Map<String, Object> payload) {

  public static final String RUN_CREATED = "state.run.created";
  public static final String JOB_READY = "state.job.ready";
  public static final String JOB_CLAIMED = "state.job.claimed";
  public static final String JOB_LEASE_RENEWED = "state.job.lease_renewed";
  public static final String JOB_LEASE_EXPIRED = "state.job.lease_expired";
  public static final String JOB_SUCCEEDED = "state.job.succeeded";
  public static final String JOB_MEMOIZED = "state.job.memoized";
  public static final String JOB_FAILED = "state.job.failed";
  public static final String JOB_RETRIED = "state.job.retried";
  public static final String JOB_LOG_CHUNK = "state.job.log_chunk";
  public static final String RUN_COMPLETED = "state.run.completed";
  public static final String RUN_FAILED = "state.run.failed";
  public static final String RUN_CANCELED = "state.run.canceled";

  /** The actor of an event: {@code {"id","type"}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record EventActor(String id, String type) {}
}
