package dev.orun.backend.service;

import java.util.regex.Pattern;

/**
 * What identifiers may look like. Ids reach SQL only as bind parameters, but they also appear in
 * URLs and file names on clients, so anything outside a small alphabet is refused
 * (docs/decisions/backend-ids-and-errors.md).
 */
public final class Ids {
  private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
  private static final Pattern JOB = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9@._+-]{0,255}");
  private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern RUNNER = Pattern.compile("[\\x21-\\x7e]{1,256}");

  private Ids() {}

  public static boolean isRunId(String s) {
    return s != null && ULID.matcher(s).matches();
  }

  public static boolean isJobId(String s) {
    return s != null && JOB.matcher(s).matches() && !s.contains("..");
  }

  public static boolean isScopeSegment(String s) {
    return s != null && SCOPE.matcher(s).matches() && !s.contains("..");
  }

  public static boolean isDigest(String s) {
    return s != null && DIGEST.matcher(s).matches();
  }

  public static boolean isRunnerId(String s) {
    return s != null && RUNNER.matcher(s).matches();
  }

  /** Checks a run id taken from a URL path (400 when malformed). */
  public static String runIdFromPath(String s) {
    if (!isRunId(s)) {
      throw ApiException.badRequest("invalid run id: expected a 26-character ULID");
    }
    return s;
  }

  /** Checks a job id taken from a URL path (400 when malformed). */
  public static String jobIdFromPath(String s) {
    if (!isJobId(s)) {
      throw ApiException.badRequest("invalid job id: letters, digits and @ . _ + - only, no '..'");
    }
    return s;
  }

  public static String digestFromPath(String s) {
    if (!isDigest(s)) {
      throw ApiException.badRequest("invalid digest: expected sha256:<64 lowercase hex>");
    }
    return s;
  }

  public static String runnerId(String s) {
    if (!isRunnerId(s)) {
      throw ApiException.invalid("runnerId", "required, 1..256 printable ASCII characters");
    }
    return s;
  }
}
