package dev.orun.backend.store;

import dev.orun.backend.store.TokenStore.TokenRow;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Recently verified tokens, by the SHA-256 of the token, so that a runner's claim, heartbeat and
 * complete do not each look its token up in the database (docs/decisions/backend-throughput.md).
 * An entry is trusted for at most {@link #TTL_MILLIS}; expiry is still checked on every request
 * from the cached row. A revocation made through this process clears the cache at once
 * ({@link #clear}, which every revoking caller invokes after its commit); one made elsewhere (the {@code token revoke} command, another instance on the
 * same database) takes effect here within {@link #TTL_MILLIS}. Unknown tokens are never cached.
 */
public final class TokenCache {
  /** How long a revocation made outside this process may go unnoticed here. */
  public static final long TTL_MILLIS = 2_000;
  private static final int MAX_ENTRIES = 10_000;

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;
  /** Bumped by {@link #clear}: a lookup that began before a revocation must not re-insert its row. */
  private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

  TokenCache() {
    this(System::nanoTime);
  }

  TokenCache(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  private record Entry(TokenRow row, long verifiedAt) {}

  /** The cached row for {@code hash}, or null when there is none or it is older than the TTL. */
  public TokenRow get(String hash) {
    Entry e = entries.get(hash);
    if (e == null) {
      return null;
    }
    if (nanoTime.getAsLong() - e.verifiedAt > TTL_MILLIS * 1_000_000L) {
      entries.remove(hash, e);
      return null;
    }
    return e.row;
  }

  /** The generation to pass to {@link #put}; read it before looking the token up. */
  public long generation() {
    return generation.get();
  }

  /** Remembers a valid token's row, unless a revocation happened since {@code generationBefore}. */
  public void put(String hash, TokenRow row, long generationBefore) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(hash, new Entry(row, nanoTime.getAsLong()));
    if (generation.get() != generationBefore) {
      entries.remove(hash);
    }
  }

  /** Forgets every token: called after a revocation commits in this process. */
  public void clear() {
    generation.incrementAndGet();
    entries.clear();
  }
}
