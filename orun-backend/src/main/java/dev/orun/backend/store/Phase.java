package dev.orun.backend.store;

import java.util.Locale;

/** A job's coordination phase; the last five are terminal (sticky, except a retry re-open). */
public enum Phase {
  QUEUED, CLAIMED, SUCCEEDED, MEMOIZED, FAILED, TIMED_OUT, CANCELED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Phase fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }

  public boolean terminal() {
    return this != QUEUED && this != CLAIMED;
  }

  /** Succeeded for dependency purposes (a memoized job counts as succeeded). */
  public boolean success() {
    return this == SUCCEEDED || this == MEMOIZED;
  }

  public boolean failure() {
    return this == FAILED || this == TIMED_OUT;
  }
}
