package dev.orun.cli;

import dev.orun.backend.cli.BackendMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code orun-backend serve} as a real process on a loopback port, with its data in a temp dir
 * (embedded database) or in a PostgreSQL database. It can be restarted on the same port, so
 * runners pointed at it keep their URL.
 */
final class StateServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))");

    private final List<String> database;
    private final List<String> options;
    private Process process;
    private String url;
    private int port;

    private StateServerProcess(List<String> database, List<String> options) {
        this.database = database;
        this.options = options;
    }

    /** A server on the embedded database in {@code data}; {@code options} go to {@code serve}. */
    static StateServerProcess serve(Path data, String... options) throws IOException {
        StateServerProcess server = new StateServerProcess(List.of("--data", data.toString()), List.of(options));
        server.start(0);
        return server;
    }

    /** With more {@code serve} options, e.g. {@code --oidc-jwks-url} of a stand-in issuer. */
    static StateServerProcess serve(Path data, List<String> options) throws IOException {
        return serve(data, options.toArray(String[]::new));
    }

    /** A server on the PostgreSQL database {@code jdbcUrl}. */
    static StateServerProcess servePostgres(String jdbcUrl, String... options) throws IOException {
        StateServerProcess server = new StateServerProcess(List.of("--database-url", jdbcUrl), List.of(options));
        server.start(0);
        return server;
    }

    private void start(int onPort) throws IOException {
        Path err = Files.createTempFile("orun-backend-", ".stderr");
        List<String> args = new ArrayList<>(List.of("serve", "--port", String.valueOf(onPort)));
        args.addAll(database);
        args.addAll(options);
        Process p = new ProcessBuilder(command(args)).redirectError(err.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException ended) {
                        // the server stopped
                    }
                });
                drain.setDaemon(true);
                drain.start();
                process = p;
                url = m.group(1);
                port = Integer.parseInt(m.group(2));
                return;
            }
        }
        throw new IllegalStateException("orun-backend serve did not start: " + Files.readString(err));
    }

    String url() {
        return url;
    }

    /** Stops the server (SIGTERM, as a service manager would) and starts it again on the same port. */
    void restart() throws IOException, InterruptedException {
        stop();
        start(port);
    }

    /** {@code orun-backend token create} for (org, project) on this server's data. */
    String token(String org, String project) throws IOException, InterruptedException {
        Path out = Files.createTempFile("orun-token-", ".out");
        List<String> args = new ArrayList<>(List.of("token", "create", "--org", org, "--project", project));
        args.addAll(database);
        Process p = new ProcessBuilder(command(args)).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("token create failed");
        }
        return Files.readString(out).trim();
    }

    /** An admin command ({@code trust add …}, {@code auth approve …}) on this server's data; its output. */
    String admin(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(database);
        Path out = Files.createTempFile("orun-admin-", ".out");
        Process p = new ProcessBuilder(command(all)).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("orun-backend " + String.join(" ", args) + " failed: " + Files.readString(out));
        }
        return Files.readString(out);
    }

    private static List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                BackendMain.class.getName()));
        cmd.addAll(args);
        return cmd;
    }

    private void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
