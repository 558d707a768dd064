package dev.orun.remote.auth;

import dev.orun.core.OrunException;
import dev.orun.remote.client.RemoteApiException;
import dev.orun.remote.protocol.CliStartRequest;
import dev.orun.remote.protocol.CliStartResponse;
import dev.orun.remote.protocol.CliTokenRequest;
import dev.orun.remote.protocol.DevicePollRequest;
import dev.orun.remote.protocol.DevicePollResponse;
import dev.orun.remote.protocol.DeviceStartResponse;
import dev.orun.remote.protocol.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code orun auth login}: start a pending login at the backend, show the person what to open (and
 * the code to approve), poll until it is approved, denied or expires. Browser flow: every 2 s,
 * "not approved yet" is HTTP 400; device flow: at the server's interval, 5 s more on
 * {@code slow_down}. Either way at most 10 minutes, and 4 transport failures in a row end it.
 */
final class CliLogin {
    static final Duration BROWSER_POLL = Duration.ofSeconds(2);
    static final Duration MAX_WAIT = Duration.ofMinutes(10);
    private static final int MAX_TRANSPORT_FAILURES = 4;
    /** Browser-flow 400 codes that end the login instead of meaning "still pending". */
    private static final Set<String> FINAL_CODES = Set.of("not_found", "expired", "unauthenticated", "internal_error");

    private final AuthHttp http;
    private final Consumer<String> say;
    private final Clock clock;

    CliLogin(AuthHttp http, Consumer<String> say, Clock clock) {
        this.http = http;
        this.say = say;
        this.clock = clock;
    }

    Session browser(String host, Consumer<String> openBrowser) {
        AuthHttp.Answer started = http.post("/v1/auth/cli/start", new CliStartRequest(host));
        if (!started.ok()) {
            throw failed(started.error("login start"));
        }
        CliStartResponse login = started.as(CliStartResponse.class);
        say.accept("Open this URL to approve the login: " + login.authorizeUrl());
        if (login.userCode() != null) {
            say.accept("Login code: " + login.userCode());
        }
        openBrowser.accept(login.authorizeUrl());
        say.accept("Waiting for approval...");
        Instant deadline = deadline(login.expiresAt());
        int transportFailures = 0;
        while (true) {
            sleep(BROWSER_POLL);
            AuthHttp.Answer answer;
            try {
                answer = http.post("/v1/auth/cli/token", new CliTokenRequest(CliTokenRequest.CLI_CODE, login.cliCode(), null));
                transportFailures = 0;
            } catch (RemoteApiException e) {
                if (++transportFailures >= MAX_TRANSPORT_FAILURES) {
                    throw failed(e);
                }
                continue;
            }
            if (answer.ok()) {
                return answer.as(Session.class);
            }
            if (answer.status() == 429) {
                sleep(answer.retryAfter().filter(d -> d.compareTo(BROWSER_POLL) > 0).orElse(BROWSER_POLL));
            } else if (answer.status() != 400 || FINAL_CODES.contains(answer.code())) {
                throw failed(answer.error("login"));
            }
            if (clock.instant().isAfter(deadline)) {
                throw new OrunException(OrunException.EXIT_FAILURE, "login was not approved in time; run `orun auth login` again");
            }
        }
    }

    Session device(String host) {
        AuthHttp.Answer started = http.post("/v1/auth/cli/device/start", new CliStartRequest(host));
        if (!started.ok()) {
            throw failed(started.error("device login start"));
        }
        DeviceStartResponse login = started.as(DeviceStartResponse.class);
        String url = login.verificationUri() != null ? login.verificationUri() : login.verificationUriComplete();
        say.accept("To approve this login, open " + url + " and enter the code " + login.userCode());
        if (login.verificationUriComplete() != null) {
            say.accept("(or open " + login.verificationUriComplete() + ")");
        }
        say.accept("Waiting for approval...");
        Duration interval = Duration.ofSeconds(login.interval() > 0 ? login.interval() : 5);
        Instant expires = login.expiresAt() != null ? login.expiresAt()
                : login.expiresIn() > 0 ? clock.instant().plusSeconds(login.expiresIn()) : null;
        Instant deadline = deadline(expires);
        int transportFailures = 0;
        while (true) {
            sleep(interval);
            AuthHttp.Answer answer;
            try {
                answer = http.post("/v1/auth/cli/device/poll", new DevicePollRequest(login.deviceCode()));
                transportFailures = 0;
            } catch (RemoteApiException e) {
                if (++transportFailures >= MAX_TRANSPORT_FAILURES) {
                    throw failed(e);
                }
                continue;
            }
            if (answer.ok()) {
                DevicePollResponse poll = answer.as(DevicePollResponse.class);
                if ("complete".equals(poll.status()) && poll.session() != null) {
                    return poll.session();
                }
                if ("slow_down".equals(poll.error())) {
                    interval = interval.plusSeconds(5);
                }
            } else if (answer.status() == 429) {
                Duration wait = answer.retryAfter().orElse(null);
                if (wait == null) {
                    interval = interval.plusSeconds(5);
                } else {
                    sleep(wait);
                }
            } else if (answer.status() == 403) {
                throw new OrunException(OrunException.EXIT_FAILURE, "the login was denied");
            } else if (answer.status() == 410) {
                throw new OrunException(OrunException.EXIT_FAILURE, "the login code expired; run `orun auth login --device` again");
            } else {
                throw failed(answer.error("device login"));
            }
            if (clock.instant().isAfter(deadline)) {
                throw new OrunException(OrunException.EXIT_FAILURE, "login was not approved in time; run `orun auth login --device` again");
            }
        }
    }

    private Instant deadline(Instant grantExpiry) {
        Instant overall = clock.instant().plus(MAX_WAIT);
        return grantExpiry != null && grantExpiry.isBefore(overall) ? grantExpiry : overall;
    }

    private static OrunException failed(RemoteApiException e) {
        return new OrunException(OrunException.EXIT_FAILURE, "login failed: " + e.getMessage());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrunException(OrunException.EXIT_INTERRUPTED, "login interrupted");
        }
    }
}
