package dev.orun.backend.service;

/**
 * What identifiers may look like. Ids reach SQL only as bind parameters, but they also appear in
 * URLs and file names on clients, so anything outside a small alphabet is refused
 * (docs/decisions/backend-ids-and-errors.md).
 */
public final class Ids {
  /**
   * The alphabets, checked character by character rather than with regular expressions: run, job
   * and scope ids are checked on every coordination request, and a regex match was about 3% of a
   * request's CPU (docs/decisions/backend-throughput.md). {@code IdsTest} pins the alphabets.
   */
  private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private Ids() {}

  /** A ULID: 26 characters of Crockford base 32, upper case. */
  public static boolean isRunId(String s) {
    if (s == null || s.length() != 26) {
      return false;
    }
    for (int i = 0; i < 26; i++) {
      if (CROCKFORD.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code [A-Za-z0-9_][A-Za-z0-9@._+-]{0,255}}, without {@code ..}. */
  public static boolean isJobId(String s) {
    return s != null && isName(s, 256, "@._+-") && !s.contains("..");
  }

  /** {@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,63}}, without {@code ..}. */
  public static boolean isScopeSegment(String s) {
    return s != null && isName(s, 64, "_.-") && !s.contains("..");
  }

  /** {@code sha256:} and 64 lowercase hex digits. */
  public static boolean isDigest(String s) {
    if (s == null || s.length() != 71 || !s.startsWith("sha256:")) {
      return false;
    }
    for (int i = 7; i < 71; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** 1 to 256 printable ASCII characters (no space). */
  public static boolean isRunnerId(String s) {
    if (s == null || s.isEmpty() || s.length() > 256) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** 1 to {@code max} characters: an ASCII letter, digit or {@code _}, then those or {@code more}. */
  private static boolean isName(String s, int max, String more) {
    int n = s.length();
    if (n == 0 || n > max || !isAsciiAlphanumeric(s.charAt(0)) && s.charAt(0) != '_') {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = s.charAt(i);
      if (!isAsciiAlphanumeric(c) && more.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiAlphanumeric(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
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
