package dev.orun.backend.store;

import java.sql.SQLException;

/** A database failure the caller cannot fix (the server answers 503). */
public final class StoreException extends RuntimeException {
  public StoreException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  /** True for a unique-key violation (SQLState class 23), the loser of a concurrent insert. */
  public static boolean isDuplicateKey(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.equals("23505") || state.equals("23001"));
  }
}
