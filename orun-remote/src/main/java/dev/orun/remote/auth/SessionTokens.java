package dev.orun.remote.auth;

import dev.orun.core.InvalidInputException;
import dev.orun.core.OrunException;
import dev.orun.remote.client.RemoteApiException;
import dev.orun.remote.protocol.CliTokenRequest;
import dev.orun.remote.protocol.Session;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The stored CLI session as a token source. The access token is refreshed 60 s before it expires,
 * once for all threads and processes: under the refresh lock the file is read again, and when a
 * sibling already refreshed its new token is used; otherwise the single-use refresh token is
 * redeemed and the rotated one written back before the lock is released.
 */
public final class SessionTokens implements Supplier<String> {
    /** Answers that mean the session is over: the credentials are deleted. */
    private static final Set<String> ENDED = Set.of("unauthenticated", "unauthorized", "expired", "not_found",
            "family_revoked", "invalid_grant", "session_revoked", "token_reused");

    private final CredentialStore store;
    private final AuthHttp http;
    private final Clock clock;
    private volatile StoredSession current;

    SessionTokens(CredentialStore store, StoredSession session, Clock clock) {
        this.store = store;
        this.http = new AuthHttp(session.backendUrl());
        this.clock = clock;
        this.current = session;
    }

    /** The session this source holds now (after any refresh). */
    public StoredSession session() {
        return current;
    }

    @Override
    public String get() {
        StoredSession s = current;
        if (!s.accessExpiresSoon(clock.instant())) {
            return s.accessToken();
        }
        current = store.underRefreshLock(() -> {
            StoredSession onDisk = store.read().orElseThrow(() -> new InvalidInputException(
                    "the orun session was removed (logged out); run `orun auth login`"));
            if (!onDisk.isFor(http.backendUrl())) {
                throw new InvalidInputException(store.file() + ": the stored session is now for " + onDisk.backendUrl()
                        + ", not " + http.backendUrl() + "; run `orun auth login --backend-url " + http.backendUrl() + "`");
            }
            if (!onDisk.accessExpiresSoon(clock.instant())) {
                return onDisk; // another process refreshed while we waited for the lock
            }
            StoredSession refreshed = refresh(onDisk);
            store.write(refreshed);
            return refreshed;
        });
        return current.accessToken();
    }

    private StoredSession refresh(StoredSession old) {
        if (old.refreshToken() == null || old.refreshToken().isBlank()) {
            throw new InvalidInputException("the orun session has expired; run `orun auth login`");
        }
        AuthHttp.Answer answer;
        try {
            answer = http.post("/v1/auth/cli/token", new CliTokenRequest(CliTokenRequest.REFRESH_TOKEN, null,
                    old.refreshToken()));
        } catch (RemoteApiException e) {
            throw new OrunException(OrunException.EXIT_FAILURE, "cannot refresh the orun session: " + e.getMessage());
        }
        if (answer.ok()) {
            return StoredSession.from(old.backendUrl(), answer.as(Session.class), old.refreshToken(),
                    old.refreshTokenExpiry());
        }
        int status = answer.status();
        if (status == 401 || status == 404 || status == 410 || ENDED.contains(answer.code())) {
            store.delete();
            throw new InvalidInputException("the orun session has ended (" + answer.code() + "); run `orun auth login`");
        }
        throw new OrunException(OrunException.EXIT_FAILURE, "cannot refresh the orun session: "
                + answer.error("refresh").getMessage());
    }
}
