package dev.orun.remote.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

    @Test
    void aPlainHttpClientTalksToALoopbackServer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        java.util.List<String> upgradeOffers = new java.util.concurrent.CopyOnWriteArrayList<>();
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
