package dev.orun.remote.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.remote.protocol.AppendLogRequest;
import dev.orun.remote.protocol.ContractVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * Uploads log chunks in the background so a step never waits for the network: chunks queue in
 * memory up to a bound, then spill (in order) to an NDJSON file; one thread delivers them oldest
 * first and, after a failed delivery, waits before trying again. {@link #close} makes a last
 * attempt and reports what could not be delivered, naming the spill file.
 */
final class LogShipper implements AutoCloseable {
    static final int MEMORY_BOUND = 256 * 1024;
    static final int MAX_PIECE = 900 * 1024;

    record Chunk(String jobId, String content) {
    }

    private final StateHttp http;
    private final String runId;
    private final String runnerId;
    private final Path spill;
    private final ArrayDeque<Chunk> memory = new ArrayDeque<>();
    private int memoryBytes;
    private long spilledLines;
    private long deliveredSpillLines;
    private final Thread worker;
    private volatile boolean closing;

    LogShipper(StateHttp http, String runId, String runnerId, Path spill) {
        this.http = http;
        this.runId = runId;
        this.runnerId = runnerId;
        this.spill = spill;
        this.worker = new Thread(this::deliverLoop, "orun-log-shipper");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Queues a chunk; never blocks on the network. */
    synchronized void offer(String jobId, String content) {
        if (content.isEmpty()) {
            return;
        }
        int size = content.length();
        if (spilledLines == deliveredSpillLines && memoryBytes + size <= MEMORY_BOUND) {
            memory.add(new Chunk(jobId, content));
            memoryBytes += size;
        } else {
            appendSpill(new Chunk(jobId, content));
        }
        notifyAll();
    }

    private void appendSpill(Chunk chunk) {
        try {
            if (!Files.exists(spill)) {
                Files.createFile(spill, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            String line = StateHttp.JSON.writeValueAsString(Map.of("j", chunk.jobId(), "c", chunk.content())) + "\n";
            Files.writeString(spill, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            spilledLines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill log chunks to " + spill, e);
        }
    }

    private void deliverLoop() {
        while (true) {
            Chunk next;
            boolean fromSpill;
            int merged = 1;
            synchronized (this) {
                while (memory.isEmpty() && deliveredSpillLines == spilledLines) {
                    if (closing) {
                        return;
                    }
                    try {
                        wait(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                fromSpill = memory.isEmpty();
                if (fromSpill) {
                    next = readSpill(deliveredSpillLines);
                } else {
                    next = memory.peek();
                    merged = Math.max(1, sameJobRun(next.jobId()));
                    if (merged > 1) {
                        next = joined(merged);
                    }
                }
            }
            try {
                deliver(next);
            } catch (RuntimeException e) {
                if (closing) {
                    return;
                }
                StateHttp.sleep(Duration.ofSeconds(2));
                continue;
            }
            synchronized (this) {
                if (fromSpill) {
                    deliveredSpillLines++;
                } else {
                    for (int i = 0; i < merged; i++) {
                        memoryBytes -= memory.poll().content().length();
                    }
                }
                notifyAll();
            }
        }
    }

    /**
     * How many chunks at the head of the memory queue belong to {@code jobId} and fit in one
     * request together: the steps of a job that ended while a delivery was under way (or a busy
     * step's consecutive flushes) go in one append instead of one each, in the same order.
     */
    private int sameJobRun(String jobId) {
        int count = 0;
        int chars = 0;
        for (Chunk c : memory) {
            // chars, not UTF-8 bytes: a joined append may still be split by pieces() if it is wide
            if (!c.jobId().equals(jobId) || (count > 0 && chars + c.content().length() > MAX_PIECE)) {
                break;
            }
            chars += c.content().length();
            count++;
        }
        return count;
    }

    private Chunk joined(int count) {
        StringBuilder content = new StringBuilder();
        java.util.Iterator<Chunk> it = memory.iterator();
        for (int i = 0; i < count; i++) {
            content.append(it.next().content());
        }
        return new Chunk(memory.peek().jobId(), content.toString());
    }

    private Chunk readSpill(long index) {
        try (var lines = Files.lines(spill, StandardCharsets.UTF_8)) {
            JsonNode n = StateHttp.JSON.readTree(lines.skip(index).findFirst().orElseThrow());
            return new Chunk(n.get("j").asText(), n.get("c").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deliver(Chunk chunk) {
        for (String piece : pieces(chunk.content())) {
            http.json(StateHttp.Call.post("/runs/" + runId + "/logs/" + StateHttp.segment(chunk.jobId()),
                    new AppendLogRequest(runnerId, piece), ContractVersion.REST, true).timeout(Duration.ofSeconds(60)),
                    JsonNode.class);
        }
    }

    /** Splits on character boundaries so no piece exceeds the server's chunk limit in UTF-8. */
    static List<String> pieces(String content) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        int start = 0;
        int bytes = 0;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > MAX_PIECE) {
                out.add(content.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        out.add(content.substring(start));
        return out;
    }

    /** Waits up to {@code grace} for the queue to drain; returns how many chunks are undelivered. */
    synchronized long drain(Duration grace) {
        long end = System.nanoTime() + grace.toNanos();
        while (!memory.isEmpty() || deliveredSpillLines < spilledLines) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return memory.size() + (spilledLines - deliveredSpillLines);
    }

    /** Writes what is still in memory to the spill file so nothing is lost when the process ends. */
    synchronized void spillRemaining() {
        while (!memory.isEmpty()) {
            appendSpill(memory.poll());
        }
        memoryBytes = 0;
    }

    Path spillFile() {
        return spill;
    }

    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            notifyAll();
        }
    }
}
