package dev.orun.remote.client;

import dev.orun.core.InvalidInputException;
import dev.orun.core.state.LogChunk;
import dev.orun.remote.protocol.ContractVersion;
import dev.orun.remote.protocol.LogPage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads jobs' logs from a state server the way the server pages them: each job's log is a
 * sequence of chunks, and a reader that has seen the log up to some byte asks only for the chunks
 * after the last one it fetched ({@code ?fromSeq=}), so following a long log costs what is new
 * in it, not the whole log on every read. Bytes fetched but not yet handed out are kept until
 * asked for. Not thread-safe (one reader).
 */
final class RemoteLogTails {
    private final StateHttp http;
    private final Map<String, Tail> tails = new HashMap<>();

    /** What was fetched of one job's log: bytes from byte offset {@code start}, and the next chunk to ask for. */
    private static final class Tail {
        long nextSeq;
        long start;
        byte[] buffer = new byte[0];

        long end() {
            return start + buffer.length;
        }
    }

    RemoteLogTails(StateHttp http) {
        this.http = http;
    }

    LogChunk read(String wireRunId, String jobId, long offset, int maxBytes) {
        String key = wireRunId + "\u0000" + jobId;
        Tail tail = tails.get(key);
        if (tail == null || offset < tail.start) {
            tail = new Tail(); // a first read, or a reader going back: page from the beginning
            tails.put(key, tail);
        }
        while (tail.end() - offset < maxBytes && fetch(wireRunId, jobId, tail)) {
            // catch up to the offset asked for, and fill the chunk: a short chunk tells the reader it is at the end
        }
        if (offset > tail.end()) {
            // the server's log is shorter than what the reader has seen (another database): start over
            tail = new Tail();
            tails.put(key, tail);
            fetch(wireRunId, jobId, tail);
            return slice(tail, 0, maxBytes, true);
        }
        return slice(tail, offset, maxBytes, false);
    }

    private static LogChunk slice(Tail tail, long offset, int maxBytes, boolean restarted) {
        int from = (int) (offset - tail.start);
        if (from > 0) { // what the reader has been given is not needed again
            tail.buffer = Arrays.copyOfRange(tail.buffer, from, tail.buffer.length);
            tail.start = offset;
        }
        int to = Math.min(tail.buffer.length, maxBytes);
        return new LogChunk(Arrays.copyOfRange(tail.buffer, 0, to), offset, offset + to, restarted);
    }

    /** Fetches the next page of chunks into the tail; false when the server had nothing new. */
    private boolean fetch(String wireRunId, String jobId, Tail tail) {
        LogPage page;
        try {
            page = http.json(StateHttp.Call.get("/runs/" + wireRunId + "/logs/" + StateHttp.segment(jobId)
                    + "?fromSeq=" + tail.nextSeq, ContractVersion.REST), LogPage.class);
        } catch (RemoteApiException e) {
            if (e.status() == 404) {
                return false;
            }
            throw new InvalidInputException(e.getMessage());
        }
        byte[] bytes = page.content() == null ? new byte[0] : page.content().getBytes(StandardCharsets.UTF_8);
        tail.nextSeq = Math.max(tail.nextSeq, page.nextSeq());
        if (bytes.length == 0) {
            return false;
        }
        byte[] joined = Arrays.copyOf(tail.buffer, tail.buffer.length + bytes.length);
        System.arraycopy(bytes, 0, joined, tail.buffer.length, bytes.length);
        tail.buffer = joined;
        return true;
    }
}
