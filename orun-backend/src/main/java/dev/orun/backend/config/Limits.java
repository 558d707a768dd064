package dev.orun.backend.config;

/** Size limits; breaking one is a 413 (body or chunk too large) or 422 (too many jobs). */
public record Limits(
    int maxJobsPerRun,
    int maxLogChunkBytes,
    long maxJsonBodyBytes,
    long maxObjectBytes,
    long partSizeBytes,
    long maxAssembledObjectBytes) {

  public static Limits defaults() {
    return new Limits(1000, 1 << 20, 4L << 20, 25L << 20, 8L << 20, 256L << 20);
  }
}
