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

/** {@code orun-backend serve} as a real process on a loopback port, with its data in a temp dir. */
final class StateServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final String url;
    private final Path data;

    private StateServerProcess(Process process, String url, Path data) {
        this.process = process;
        this.url = url;
        this.data = data;
    }

    static StateServerProcess serve(Path data) throws IOException {
        return serve(data, List.of());
    }

    /** With more {@code serve} options, e.g. {@code --oidc-jwks-url} of a stand-in issuer. */
    static StateServerProcess serve(Path data, List<String> options) throws IOException {
        Path err = Files.createTempFile("orun-backend-", ".stderr");
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--data", data.toString()));
        args.addAll(options);
        Process p = new ProcessBuilder(command(args.toArray(String[]::new)))
                .redirectError(err.toFile()).start();
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
                return new StateServerProcess(p, m.group(1), data);
            }
        }
        throw new IllegalStateException("orun-backend serve did not start: " + Files.readString(err));
    }

    String url() {
        return url;
    }

    /** {@code orun-backend token create} for (org, project) on this server's data. */
    String token(String org, String project) throws IOException, InterruptedException {
        Path out = Files.createTempFile("orun-token-", ".out");
        Process p = new ProcessBuilder(command("token", "create", "--org", org, "--project", project,
                "--data", data.toString())).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("token create failed");
        }
        return Files.readString(out).trim();
    }

    /** An admin command ({@code trust add …}, {@code auth approve …}) on this server's data; its output. */
    String admin(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", data.toString()));
        Path out = Files.createTempFile("orun-admin-", ".out");
        Process p = new ProcessBuilder(command(all.toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("orun-backend " + String.join(" ", args) + " failed: " + Files.readString(out));
        }
        return Files.readString(out);
    }

    private static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                BackendMain.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
