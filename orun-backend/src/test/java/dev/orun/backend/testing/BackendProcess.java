package dev.orun.backend.testing;

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

/** {@code orun-backend} as a real separate JVM process, started from the test class path. */
public final class BackendProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

  private final Process process;
  private final String url;
  private final Path stderr;

  private BackendProcess(Process process, String url, Path stderr) {
    this.process = process;
    this.url = url;
    this.stderr = stderr;
  }

  /** Runs {@code serve --port 0} with the given database arguments and waits until it listens. */
  public static BackendProcess serve(List<String> databaseArgs, String... extra) throws IOException {
    return serve(List.of(), databaseArgs, extra);
  }

  /** The same with JVM options, e.g. {@code -Dorg.slf4j.simpleLogger.log.orun.backend.http=debug}. */
  public static BackendProcess serve(List<String> jvmOptions, List<String> databaseArgs, String... extra)
      throws IOException {
    List<String> cmd = command("serve", "--port", "0");
    cmd.addAll(1, jvmOptions);
    cmd.addAll(databaseArgs);
    cmd.addAll(List.of(extra));
    Path err = Files.createTempFile("orun-backend-", ".stderr");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> drain(out), "orun-backend-stdout");
        drain.setDaemon(true);
        drain.start();
        return new BackendProcess(p, m.group(1), err);
      }
    }
    throw new IllegalStateException("orun-backend serve exited with " + waitQuietly(p) + ": " + Files.readString(err));
  }

  /** Runs an admin command to completion. */
  public static Result cli(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("orun-backend-cli-", ".out");
    Path err = Files.createTempFile("orun-backend-cli-", ".err");
    Process p = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("orun-backend " + String.join(" ", args) + " did not finish");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  public String url() {
    return url;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGTERM, then waits for the graceful shutdown; returns the exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("orun-backend did not stop within 60 s");
    }
    return process.exitValue();
  }

  public String stderr() throws IOException {
    return Files.readString(stderr);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }

  private static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        "dev.orun.backend.cli.BackendMain"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // keep the pipe empty so the server never blocks on a full stdout
      }
    } catch (IOException closed) {
      // the process ended
    }
  }

  private static int waitQuietly(Process p) {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** An admin command's outcome. */
  public record Result(int exitCode, String stdout, String stderr) {}
}
