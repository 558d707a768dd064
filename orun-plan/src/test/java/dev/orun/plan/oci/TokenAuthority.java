package dev.orun.plan.oci;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The token service of the registry's token authentication (the Docker registry token protocol):
 * an RSA key and self-signed certificate made with the JDK's {@code keytool}, the certificate
 * written as the registry's {@code rootcertbundle}, and a loopback HTTP endpoint that issues
 * RS256-signed JWTs naming the key by its libtrust key id ({@code kid}), which the registry
 * checks against that bundle. Records the query of every token request.
 */
final class TokenAuthority implements AutoCloseable {

    static final String SERVICE = "orun-test-registry";
    static final String ISSUER = "orun-test-issuer";

    private final PrivateKey key;
    private final String keyId;
    private final HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    private TokenAuthority(PrivateKey key, String keyId, HttpServer server) {
        this.key = key;
        this.keyId = keyId;
        this.server = server;
    }

    /** Makes the key pair in {@code dir}, writes {@code dir/root.pem}, starts the token endpoint. */
    static TokenAuthority start(Path dir) throws Exception {
        Path store = dir.resolve("token-key.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "token", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=orun-test-token",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "orun-test",
                "-keypass", "orun-test").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "orun-test".toCharArray());
        }
        PrivateKey key = (PrivateKey) keyStore.getKey("token", "orun-test".toCharArray());
        Certificate certificate = keyStore.getCertificate("token");
        Files.writeString(dir.resolve("root.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        TokenAuthority authority = new TokenAuthority(key, libtrustKeyId(certificate.getPublicKey().getEncoded()), server);
        server.createContext("/token", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            authority.requests.add(query == null ? "" : query);
            String scope = authority.param(query, "scope");
            String[] parts = scope == null ? new String[0] : scope.split(":");
            byte[] body = ("{\"token\":\"" + authority.token(parts.length == 3 ? parts[1] : "", "pull") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return authority;
    }

    String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    /** A signed token granting {@code actions} (comma-separated) on {@code repository}. */
    String token(String repository, String actions) {
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"" + keyId + "\"}";
        String access = repository.isEmpty() ? "[]" : "[{\"type\":\"repository\",\"name\":\"" + repository
                + "\",\"actions\":[\"" + String.join("\",\"", actions.split(",")) + "\"]}]";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"orun-test\",\"aud\":\"" + SERVICE + "\",\"exp\":"
                + (now + 300) + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"access\":" + access + "}";
        String input = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "." + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + base64Url(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String param(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** libtrust's key id: base32 of the first 240 bits of SHA-256(DER public key), in 12 groups of 4. */
    static String libtrustKeyId(byte[] derPublicKey) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(derPublicKey);
        String base32 = base32(java.util.Arrays.copyOf(hash, 30));
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < base32.length(); i += 4) {
            groups.add(base32.substring(i, i + 4));
        }
        return String.join(":", groups);
    }

    private static String base32(byte[] bytes) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return out.toString();
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
