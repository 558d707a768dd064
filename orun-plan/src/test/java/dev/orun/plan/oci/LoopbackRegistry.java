package dev.orun.plan.oci;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A real registry for tests: Debian's {@code docker-registry} (the CNCF distribution server) on a
 * free 127.0.0.1 port with filesystem storage in a temp dir, optionally behind htpasswd basic auth.
 * Artifacts are pushed with plain distribution-API calls (monolithic blob upload, manifest PUT).
 * Tests are skipped when the binary is absent.
 */
final class LoopbackRegistry implements AutoCloseable {

    static final String BINARY = "/usr/bin/docker-registry";
    static final String USER = "orun-test";
    static final String PASSWORD = "orun-registry-test";
    // bcrypt (cost 4) of PASSWORD, the format the registry's htpasswd auth reads
    private static final String PASSWORD_HASH = "$2b$04$hOqKC2/xAemBK.ua.5rorO5vLecYUEp1jyjEA63rzo7AQTrFzWsyG";

    private final Process process;
    private final int port;
    private final Path dir;
    private final boolean basicAuth;
    private TokenAuthority tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LoopbackRegistry(Process process, int port, Path dir, boolean basicAuth) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.basicAuth = basicAuth;
    }

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(Path.of(BINARY)),
                BINARY + " is not installed (apt-get install docker-registry); skipping tests against a real registry");
    }

    static LoopbackRegistry start(Path dir, boolean basicAuth) throws IOException, InterruptedException {
        return start(dir, basicAuth, null);
    }

    /** A registry using token authentication: {@code tokens} is its token service. */
    static LoopbackRegistry startWithTokens(Path dir, TokenAuthority tokens) throws IOException, InterruptedException {
        return start(dir, false, tokens);
    }

    private static LoopbackRegistry start(Path dir, boolean basicAuth, TokenAuthority tokens)
            throws IOException, InterruptedException {
        assumeInstalled();
        int port = freePort();
        Path storage = Files.createDirectories(dir.resolve("storage"));
        StringBuilder config = new StringBuilder()
                .append("version: 0.1\n")
                .append("log: {level: warn, accesslog: {disabled: true}}\n")
                .append("storage: {filesystem: {rootdirectory: ").append(storage).append("}}\n")
                .append("http: {addr: 127.0.0.1:").append(port).append(", secret: orun-test-").append(port).append("}\n");
        if (basicAuth) {
            Path htpasswd = dir.resolve("htpasswd");
            Files.writeString(htpasswd, USER + ":" + PASSWORD_HASH + "\n");
            config.append("auth: {htpasswd: {realm: orun-test, path: ").append(htpasswd).append("}}\n");
        }
        if (tokens != null) {
            config.append("auth: {token: {realm: \"").append(tokens.realm()).append("\", service: ")
                    .append(TokenAuthority.SERVICE).append(", issuer: ").append(TokenAuthority.ISSUER)
                    .append(", rootcertbundle: ").append(dir.resolve("root.pem")).append("}}\n");
        }
        Path configFile = dir.resolve("config.yml");
        Files.writeString(configFile, config.toString());
        Process process = new ProcessBuilder(BINARY, "serve", configFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LoopbackRegistry registry = new LoopbackRegistry(process, port, dir, basicAuth);
        registry.tokens = tokens;
        registry.awaitReady();
        return registry;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try {
                int status = http.send(request("/v2/").GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        close();
        throw new IllegalStateException("docker-registry did not start on port " + port);
    }

    String host() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Pushes a blob (monolithic upload) and returns its digest. */
    String pushBlob(String repository, byte[] content) throws IOException, InterruptedException {
        String digest = digest(content);
        HttpResponse<String> started = http.send(request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        expect(started, 202, "blob upload start");
        String location = started.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create("http://" + host() + "/").resolve(location);
        String url = upload + (upload.getQuery() == null ? "?" : "&") + "digest=" + digest;
        HttpResponse<String> done = http.send(authorized(HttpRequest.newBuilder(URI.create(url)))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        expect(done, 201, "blob upload");
        return digest;
    }

    /** Puts a manifest under a tag (or digest) and returns the manifest's digest. */
    String pushManifest(String repository, String reference, String mediaType, byte[] manifest)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/v2/" + repository + "/manifests/" + reference)
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(),
                HttpResponse.BodyHandlers.ofString());
        expect(response, 201, "manifest put");
        return digest(manifest);
    }

    /**
     * Pushes an OCI image manifest with an empty config and the given layers ({@code mediaType},
     * content pairs) under {@code tag}; returns the manifest digest.
     */
    String pushArtifact(String repository, String tag, List<Layer> layers) throws IOException, InterruptedException {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        String configDigest = pushBlob(repository, config);
        List<String> descriptors = new ArrayList<>();
        for (Layer layer : layers) {
            String layerDigest = pushBlob(repository, layer.content());
            descriptors.add("{\"mediaType\":\"" + layer.mediaType() + "\",\"digest\":\"" + layerDigest
                    + "\",\"size\":" + layer.content().length + "}");
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"artifactType\":\"application/vnd.orun.stack.v1\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[" + String.join(",", descriptors) + "]}";
        return pushManifest(repository, tag, "application/vnd.oci.image.manifest.v1+json",
                manifest.getBytes(StandardCharsets.UTF_8));
    }

    record Layer(String mediaType, byte[] content) {
    }

    private HttpRequest.Builder request(String path) {
        return authorized(HttpRequest.newBuilder(URI.create("http://" + host() + path)).timeout(Duration.ofSeconds(30)));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        if (tokens != null) {
            String path = builder.build().uri().getPath();
            String repository = path.replaceFirst("^/v2/", "").replaceFirst("/(blobs|manifests)/.*$", "");
            builder.header("Authorization", "Bearer " + tokens.token(repository, "pull,push"));
        }
        if (basicAuth) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the registry (the process this helper started) and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
