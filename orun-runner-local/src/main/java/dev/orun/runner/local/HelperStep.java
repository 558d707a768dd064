package dev.orun.runner.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A step the {@link HelperSandbox} runs: not orun's child, so its end and output arrive as
 * messages — its host pid ({@link #started}), its exit status ({@link #exited}) and the
 * connection carrying its output ({@link #connected}), in any order, from the helper's threads.
 *
 * <p>The step is its PID namespace's first process: when it ends, the kernel kills everything it
 * left there, so there are no leftovers to look for. A first process only receives the signals it
 * has a handler for, which is why stopping one takes {@link #destroyTree} more than a TERM.
 */
final class HelperStep implements RunningStep {

    /** How long to wait for the pid when the step must be stopped before the helper reported it. */
    private static final long PID_WAIT_MILLIS = 2000;
    /** How often a waiting thread checks that the step's PID 1 still exists (killed from outside). */
    private static final long LIVENESS_MILLIS = 1000;
    private static final int KILLED = 128 + 9;

    private final String token;
    private final Runnable forget;
    private final Consumer<String> signal;
    private final CompletableFuture<Long> pid = new CompletableFuture<>();
    private final CompletableFuture<SocketChannel> output = new CompletableFuture<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile int exitCode;

    /**
     * @param forget removes the step from the helper's table once orun is done with it
     * @param signal has the helper send a signal (by name) to the step's first process
     */
    HelperStep(String token, Runnable forget, Consumer<String> signal) {
        this.token = token;
        this.forget = forget;
        this.signal = signal;
    }

    String token() {
        return token;
    }

    void started(long hostPid) {
        pid.complete(hostPid);
    }

    void connected(SocketChannel channel) {
        if (!output.complete(channel)) {
            closeQuietly(channel);
        }
    }

    synchronized void exited(int code) {
        if (ended.getCount() > 0) {
            exitCode = code;
            ended.countDown();
        }
    }

    @Override
    public InputStream output() throws IOException, InterruptedException {
        try {
            return Channels.newInputStream(output.get());
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            throw new IOException("no output from the step", e);
        }
    }

    @Override
    public boolean waitFor(long timeoutMillis) throws InterruptedException {
        long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (ended.await(Math.max(0, Math.min(LIVENESS_MILLIS, left)), TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (left <= 0) {
                return false;
            }
            Long known = pid.getNow(null);
            if (known != null && ProcessHandle.of(known).map(p -> !p.isAlive()).orElse(true)
                    && !ended.await(LIVENESS_MILLIS, TimeUnit.MILLISECONDS)) {
                exited(KILLED); // killed from outside before it could report its end
            }
        }
    }

    @Override
    public int exitValue() {
        if (ended.getCount() > 0) {
            throw new IllegalStateException("the step has not ended");
        }
        return exitCode;
    }

    @Override
    public void stopLeftovers() {
        // the step was its PID namespace's first process: the kernel killed what it left there
    }

    /**
     * TERM to every process of the step, KILL after the grace period, as for a step that is not
     * isolated. The step's first process ignores a TERM it has no handler for (the kernel protects
     * a namespace's first process), and while it lives the namespace lives: a shell would go on
     * to its script's next command as soon as the current one died of the TERM. So unless it
     * handles TERM itself (a {@code trap}), it is held with STOP while the others stop, then
     * killed, which takes whatever is left in the namespace with it.
     */
    @Override
    public void destroyTree() {
        Optional<Long> known = Optional.empty();
        boolean interrupted = Thread.interrupted();
        try {
            known = Optional.of(pid.get(PID_WAIT_MILLIS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            interrupted = true;
            known = Optional.ofNullable(pid.getNow(null));
        } catch (ExecutionException | TimeoutException e) {
            // never started: nothing to stop
        }
        try {
            Optional<ProcessHandle> first = known.flatMap(ProcessHandle::of);
            if (first.isEmpty() || ended.getCount() == 0) {
                return;
            }
            boolean handlesTerm = ProcessTrees.handlesTerm(first.get());
            if (!handlesTerm) {
                signal.accept("STOP");
            }
            List<ProcessHandle> others = first.get().descendants().toList();
            first.get().destroy();
            others.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ProcessTrees.GRACE_MILLIS);
            while (System.nanoTime() < deadline && ended.getCount() > 0
                    && (handlesTerm || others.stream().anyMatch(ProcessTrees::running))) {
                interrupted |= !awaitEnd(25);
            }
            signal.accept("KILL");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** False when interrupted (the wait is then cut short; the caller keeps stopping the step). */
    private boolean awaitEnd(long millis) {
        try {
            ended.await(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** The helper ended before the step reported: it cannot report any more. */
    void helperGone() {
        pid.completeExceptionally(new IOException("the sandbox helper ended"));
        output.completeExceptionally(new IOException("the sandbox helper ended"));
        exited(NamespaceSandbox.SETUP_FAILED);
    }

    @Override
    public void release() {
        forget.run();
        SocketChannel channel = output.getNow(null);
        if (channel != null) {
            closeQuietly(channel);
        }
        output.cancel(false);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a finished step's connection
        }
    }
}
