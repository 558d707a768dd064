package dev.orun.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for GitHub Actions' OIDC provider on loopback, speaking its protocol: the runner's
 * ID-token endpoint ({@code GET /token?...&audience=A} with {@code Authorization: Bearer
 * <ACTIONS_ID_TOKEN_REQUEST_TOKEN>} answers {@code {"value": jwt}}) and the issuer's JWKS at
 * {@code /.well-known/jwks}. Tokens are RS256 JWTs signed with this stand-in's own key, carrying
 * GitHub's issuer and the repository/ref claims a workflow run would have.
 */
final class StandInGitHubOidc implements AutoCloseable {
    static final String ISSUER = "https://token.actions.githubusercontent.com";
    static final String KEY_ID = "stand-in-key";

    private final KeyPair key;
    private final HttpServer server;
    private final String requestToken;
    private final String repository;
    private final String ref;
    private final List<String> audiences = new CopyOnWriteArrayList<>();
    private final List<String> issued = new CopyOnWriteArrayList<>();

    StandInGitHubOidc(String requestToken, String repository, String ref) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.key = generator.generateKeyPair();
        this.requestToken = requestToken;
        this.repository = repository;
        this.ref = ref;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks", ex -> send(ex, 200, jwks()));
        server.createContext("/token", this::idToken);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What a runner puts in {@code ACTIONS_ID_TOKEN_REQUEST_URL} (it already has a query). */
    String requestUrl() {
        return base() + "/token?api-version=2.0";
    }

    String jwksUrl() {
        return base() + "/.well-known/jwks";
    }

    /** The {@code audience} of every ID-token request so far. */
    List<String> audiences() {
        return audiences;
    }

    /** Every ID token handed out so far. */
    List<String> issued() {
        return issued;
    }

    private void idToken(HttpExchange ex) throws IOException {
        if (!("Bearer " + requestToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{\"message\":\"bad request token\"}");
            return;
        }
        String audience = null;
        String query = ex.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].equals("audience")) {
                audience = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        audiences.add(String.valueOf(audience));
        try {
            String jwt = sign(audience == null ? "https://github.com/" + repository.split("/")[0] : audience);
            issued.add(jwt);
            send(ex, 200, "{\"count\":1,\"value\":\"" + jwt + "\"}");
        } catch (GeneralSecurityException e) {
            send(ex, 500, "{}");
        }
    }

    private String sign(String audience) throws GeneralSecurityException {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + audience + "\",\"sub\":\"repo:" + repository + ":ref:"
                + ref + "\",\"repository\":\"" + repository + "\",\"repository_id\":\"4242\",\"repository_owner\":\""
                + repository.split("/")[0] + "\",\"ref\":\"" + ref + "\",\"actor\":\"octocat\",\"iat\":" + (now - 5)
                + ",\"nbf\":" + (now - 5) + ",\"exp\":" + (now + 300) + "}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key.getPrivate());
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64(rs256.sign());
    }

    private String jwks() {
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
                + b64(unsigned(pub.getModulus())) + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent())) + "\"}]}";
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
