package dev.orun.runner.gha.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * When orun itself runs inside GitHub Actions, a step's output is wrapped in a collapsible
 * {@code ::group::} and fenced with {@code ::stop-commands::<token>} … {@code ::<token>::}, so
 * the outer runner prints the nested steps' lines instead of executing them as its own workflow
 * commands. The token is random per step, so a step cannot end the fence early.
 */
final class Fence implements AutoCloseable {

    private static final Fence NONE = new Fence(null, null);
    private final OutputStream out;
    private final String token;

    private Fence(OutputStream out, String token) {
        this.out = out;
        this.token = token;
    }

    static Fence open(boolean nested, String jobId, String stepId, OutputStream out) {
        if (!nested) {
            return NONE;
        }
        Fence fence = new Fence(out, "orun-" + UUID.randomUUID().toString().replace("-", ""));
        fence.write("::group::" + jobId + " › " + stepId + "\n::stop-commands::" + fence.token + "\n");
        return fence;
    }

    @Override
    public void close() {
        if (token != null) {
            write("::" + token + "::\n::endgroup::\n");
        }
    }

    private void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the sink records its own failures
        }
    }
}
