package dev.orun.runner.local;

import dev.orun.core.runner.WorkspaceOverlay;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs isolated steps through one helper process per run: a small compiled program
 * ({@code sandbox-helper.c}, {@link CompiledHelperProgram}) where the host has a C compiler, else
 * {@code sandbox-helper.pl} run by {@code perl} ({@link PerlHelperProgram}). The helper sets up
 * each step's namespaces and mounts with system calls and one fork (the step is its namespace's
 * PID 1); the chain of programs the {@link NamespaceSandbox} starts instead costs several times
 * more per step on machines where starting a program is slow (measured in
 * {@code docs/decisions/isolation-namespaces.md}).
 *
 * <p>Requests go to the helper's stdin; it answers on its stdout ({@code S <token> <pid>} once a
 * step's PID 1 exists, {@code E <token> <status>} when it has ended, which ends everything else
 * in its PID namespace). Each step's output arrives on a Unix socket in a private directory, the
 * connection introduced by the step's random token. Steps whose helper ends (killed) are reported as failed
 * setups; a step's PID 1 dies with the helper, and the helper when orun closes its stdin or dies.
 */
final class HelperSandbox implements StepSandbox {

    private static final int TOKEN_BYTES = 16;
    private static final long SIGNAL_ACK_MILLIS = 2000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HelperProgram program;
    private final String shell;
    private final String uid;
    private final String gid;
    private final Map<String, HelperStep> steps = new ConcurrentHashMap<>();
    /** Signals sent through the helper that it has not confirmed yet, by step token. */
    private final Map<String, java.util.concurrent.CompletableFuture<Void>> signalled = new ConcurrentHashMap<>();
    private final ExecutorService introductions = Executors.newCachedThreadPool(daemon("orun-sandbox-accept"));
    private Path socketDir;
    private ServerSocketChannel server;
    private Process helper;
    private OutputStream requests;
    private volatile boolean gone;

    HelperSandbox(HelperProgram program, String shell, String uid, String gid) {
        this.program = program;
        this.shell = shell;
        this.uid = uid;
        this.gid = gid;
    }

    @Override
    public String mechanism() {
        return program.mechanism();
    }

    @Override
    public Optional<String> probe(Path scratch) {
        Optional<String> verdict = program.prepare().or(() -> SandboxProbe.run(this, scratch, shell, uid));
        if (verdict.isPresent()) {
            close();
        }
        return verdict;
    }

    @Override
    public RunningStep start(List<String> command, Path directory, WorkspaceOverlay overlay,
                             Map<String, String> environment) throws IOException {
        byte[] token = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(token);
        String id = HexFormat.of().formatHex(token);
        HelperStep step = new HelperStep(id, () -> steps.remove(id), signal -> signal(id, signal));
        byte[] request = request(id, command, directory, overlay, environment);
        synchronized (this) {
            ensureStarted();
            steps.put(id, step);
            if (gone) {
                step.helperGone();
                return step;
            }
            requests.write((request.length + "\n").getBytes(StandardCharsets.US_ASCII));
            requests.write(request);
            requests.flush();
        }
        return step;
    }

    private static byte[] request(String token, List<String> command, Path directory, WorkspaceOverlay overlay,
                                  Map<String, String> environment) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        field(out, "R");
        field(out, token);
        field(out, overlay.root().toString());
        field(out, NamespaceSandbox.layers(overlay));
        field(out, directory.toString());
        field(out, Integer.toString(overlay.hidden().size()));
        for (Path hidden : overlay.hidden()) {
            field(out, hidden.toString());
        }
        field(out, Integer.toString(command.size()));
        for (String argument : command) {
            field(out, argument);
        }
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            field(out, variable.getKey() + "=" + variable.getValue());
        }
        byte[] bytes = out.toByteArray();
        return java.util.Arrays.copyOf(bytes, bytes.length - 1); // no separator after the last field
    }

    /**
     * Has the helper send {@code signal} (a name: {@code STOP}, {@code KILL}) to the step's PID 1,
     * which orun itself could not hold (see {@link HelperStep#destroyTree}), and waits until it
     * has: a TERM to the step's other processes must not overtake the STOP that holds the script.
     * Nothing happens once the step has ended: the helper forgets a step when it reaps it.
     */
    private void signal(String token, String signal) {
        byte[] request = ("K\0" + token + "\0" + signal).getBytes(StandardCharsets.US_ASCII);
        java.util.concurrent.CompletableFuture<Void> sent = new java.util.concurrent.CompletableFuture<>();
        synchronized (this) {
            if (gone || requests == null) {
                return;
            }
            signalled.put(token, sent);
            try {
                requests.write((request.length + "\n").getBytes(StandardCharsets.US_ASCII));
                requests.write(request);
                requests.flush();
            } catch (IOException e) {
                signalled.remove(token);
                return; // the helper has ended, and every step with it
            }
        }
        try {
            sent.get(SIGNAL_ACK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the helper is gone or stuck: the caller goes on stopping the step regardless
        } finally {
            signalled.remove(token, sent);
        }
    }

    private static void field(ByteArrayOutputStream out, String value) throws IOException {
        if (value.indexOf('\0') >= 0) {
            throw new IOException("a NUL character cannot be passed to a process: " + value.replace('\0', '?'));
        }
        out.write(value.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private void ensureStarted() throws IOException {
        if (helper != null) {
            return;
        }
        if (gone) {
            throw new IOException("the sandbox helper has ended");
        }
        socketDir = Files.createTempDirectory("orun-sandbox-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socket = socketDir.resolve("s");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Path log = socketDir.resolve("helper.log");
        ProcessBuilder builder = new ProcessBuilder(program.command(socket, uid, gid)).redirectError(log.toFile());
        builder.environment().clear(); // no PERL5OPT, PERL5LIB, LD_PRELOAD or locale from the user's environment
        builder.environment().put("PATH", "/usr/bin:/bin");
        helper = builder.start();
        requests = helper.getOutputStream();
        BufferedReader answers = new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.US_ASCII));
        String ready = answers.readLine();
        if (!"R".equals(ready)) {
            gone = true;
            helper.destroyForcibly();
            String said = Files.exists(log) ? Files.readString(log).strip() : "";
            throw new IOException(said.isEmpty() ? "the sandbox helper did not start" : said.lines().findFirst().orElse(said));
        }
        daemon("orun-sandbox-answers").newThread(() -> readAnswers(answers)).start();
        daemon("orun-sandbox-output").newThread(this::acceptOutputs).start();
    }

    private void readAnswers(BufferedReader answers) {
        try {
            String line;
            while ((line = answers.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && parts[0].equals("K")) {
                    var sent = signalled.get(parts[1]);
                    if (sent != null) {
                        sent.complete(null);
                    }
                    continue;
                }
                HelperStep step = parts.length == 3 ? steps.get(parts[1]) : null;
                if (step == null) {
                    continue;
                }
                if (parts[0].equals("S")) {
                    step.started(Long.parseLong(parts[2]));
                } else if (parts[0].equals("E")) {
                    step.exited(Integer.parseInt(parts[2]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the helper ended or spoke nonsense: every step still waiting fails below
        }
        gone = true;
        signalled.values().forEach(sent -> sent.complete(null));
        steps.values().forEach(HelperStep::helperGone);
    }

    private void acceptOutputs() {
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                return; // closed with the run
            }
            introductions.execute(() -> introduce(channel));
        }
    }

    /** Reads the connection's token and hands it to its step; anything else is hung up on. */
    private void introduce(SocketChannel channel) {
        ByteBuffer header = ByteBuffer.allocate(TOKEN_BYTES * 2 + 1);
        try {
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // a token and a newline, then the step's output
            }
            String token = new String(header.array(), 0, header.position(), StandardCharsets.US_ASCII).strip();
            HelperStep step = header.hasRemaining() ? null : steps.get(token);
            if (step != null) {
                step.connected(channel);
                return;
            }
        } catch (IOException e) {
            // hung up before introducing itself
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to tell
        }
    }

    @Override
    public synchronized void close() {
        gone = true;
        if (helper != null) {
            try {
                requests.close(); // the helper ends at the end of its input; its steps' PID 1s die with it
            } catch (IOException ignored) {
                // already gone
            }
            try {
                if (!helper.waitFor(2, TimeUnit.SECONDS)) {
                    helper.destroyForcibly();
                }
            } catch (InterruptedException e) {
                helper.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            helper = null;
        }
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // the socket file goes with its directory
            }
            server = null;
        }
        if (socketDir != null) {
            Trees.deleteQuietly(socketDir);
            socketDir = null;
        }
        introductions.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
