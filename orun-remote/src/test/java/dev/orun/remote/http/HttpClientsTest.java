package dev.orun.remote.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

    @Test
    void aPlainHttpClientTalksToALoopbackServer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> upgradeOffers = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext("/ping", exchange -> {
            String upgrade = exchange.getRequestHeaders().getFirst("Upgrade");
            if (upgrade != null) {
                upgradeOffers.add(upgrade);
            }
            byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            HttpClient client = HttpClients.forUrl(url, Duration.ofSeconds(5));

            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url + "/ping")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("pong");
            client.send(HttpRequest.newBuilder(URI.create(url + "/ping")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(upgradeOffers).as("plain HTTP/1.1: no h2c upgrade offered with each request").isEmpty();
        } finally {
            server.stop(0);
        }
    }

    /**
     * A plain-http client has no worker threads of its own (its selector thread completes the
     * answers): one caller waiting for an answer the server holds back (a long-poll) must not
     * hold up the others, and a request's timeout still ends a call nobody answers.
     */
    @Test
    void aPlainHttpClientAnswersOtherCallersWhileOneWaitsAndTimesOutAnUnansweredCall() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        CountDownLatch release = new CountDownLatch(1);
        server.createContext("/held", exchange -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "late".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/quick", exchange -> {
            byte[] body = exchange.getRequestURI().getQuery().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        ExecutorService callers = Executors.newFixedThreadPool(5);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            HttpClient client = HttpClients.forUrl(url, Duration.ofSeconds(5));
            Future<String> held = callers.submit(() -> client.send(
                    HttpRequest.newBuilder(URI.create(url + "/held")).build(), HttpResponse.BodyHandlers.ofString()).body());
            List<Future<String>> quick = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String query = "n=" + i;
                quick.add(callers.submit(() -> client.send(HttpRequest.newBuilder(URI.create(url + "/quick?" + query))
                        .build(), HttpResponse.BodyHandlers.ofString()).body()));
            }
            for (int i = 0; i < quick.size(); i++) {
                assertThat(quick.get(i).get(60, TimeUnit.SECONDS)).isEqualTo("n=" + i);
            }
            assertThat(held.isDone()).as("the held call is still waiting for its answer").isFalse();

            assertThatThrownBy(() -> client.send(
                    HttpRequest.newBuilder(URI.create(url + "/held")).timeout(Duration.ofMillis(300)).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);

            release.countDown();
            assertThat(held.get(60, TimeUnit.SECONDS)).isEqualTo("late");
        } finally {
            release.countDown();
            callers.shutdownNow();
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    @Test
    void aPlainHttpClientsTlsIsTheDefaultOneOnceUsed() throws Exception {
        SSLContext deferred = HttpClients.forUrl("HTTP://backend.internal:8080", Duration.ofSeconds(5)).sslContext();
        SSLContext standard = SSLContext.getDefault();

        assertThat(deferred).isInstanceOf(DeferredTlsContext.class);
        SSLEngine engine = deferred.createSSLEngine("example.org", 443);
        SSLEngine expected = standard.createSSLEngine("example.org", 443);
        assertThat(engine.getEnabledProtocols()).containsExactly(expected.getEnabledProtocols());
        assertThat(engine.getEnabledCipherSuites()).containsExactly(expected.getEnabledCipherSuites());
        assertThat(deferred.getDefaultSSLParameters().getProtocols())
                .containsExactly(standard.getDefaultSSLParameters().getProtocols());
        assertThat(deferred.getClientSessionContext()).isSameAs(standard.getClientSessionContext());
    }

    @Test
    void anHttpsClientUsesTheJdkDefaultsUnchanged() throws Exception {
        HttpClient client = HttpClients.forUrl("https://orun.example.org", Duration.ofSeconds(5));

        assertThat(client.sslContext()).isSameAs(SSLContext.getDefault());
        assertThat(HttpClients.isPlainHttp(" http://127.0.0.1:1")).isTrue();
        assertThat(HttpClients.isPlainHttp("https://127.0.0.1:1")).isFalse();
    }
}
