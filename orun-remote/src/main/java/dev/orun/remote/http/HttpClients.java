package dev.orun.remote.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLParameters;

/**
 * The JDK HTTP clients that talk to a state server. Building a JDK client sets up the default TLS
 * context at once (security providers, cipher suites, every certificate of the trust store parsed:
 * about a thousand classes and a fifth of a remote run's start-up), even when every request is
 * plain http, as with a backend on loopback or inside a private network. A client for an
 * {@code http:} URL therefore gets a TLS context that sets the default one up only when a TLS
 * connection is really made (see docs/decisions/cli-start-up.md); {@code https:} URLs get the
 * JDK's defaults unchanged.
 *
 * <p>Over plain http the client speaks HTTP/1.1 only: left at its default (HTTP/2), the JDK client
 * offers an h2c upgrade ({@code Upgrade: h2c} and an encoded settings header) with every request,
 * which orun-backend, like most servers on plain http, declines every time; both sides pay for
 * the extra headers and the client for its HTTP/2 machinery on every call of a runner.
 *
 * <p>Over plain http the client also has no worker threads: the JDK client runs its internal tasks
 * in the calling thread anyway, and hands to its executor only those its selector thread would
 * start (reading an answer, completing the caller's future). Every caller here blocks in
 * {@code send} with a body handler that only collects bytes, so nothing slow or blocking runs on
 * the selector thread when it runs them itself, and each answer reaches its caller without a hop
 * through a pool thread (about 0.07 s of CPU per bench runner; docs/decisions/remote-state-client.md,
 * "Reading the server's answers").
 */
public final class HttpClients {

    private HttpClients() {
    }

    /** A client for requests to {@code url}, with {@code connectTimeout} for each new connection. */
    public static HttpClient forUrl(String url, Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (isPlainHttp(url)) {
            // explicit parameters too: the client would otherwise ask the context for its defaults
            // at once; unset fields mean "the engine's defaults" when TLS does happen
            builder.sslContext(new DeferredTlsContext()).sslParameters(new SSLParameters())
                    .version(HttpClient.Version.HTTP_1_1)
                    .executor(Runnable::run);
        }
        return builder.build();
    }

    static boolean isPlainHttp(String url) {
        return url != null && url.trim().toLowerCase(Locale.ROOT).startsWith("http:");
    }
}
