package dev.orun.runner.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Copies an exec's stdout and stderr frames, raw and in arrival order, into the step's output.
 * A failing output (a closed log, say) must not stall the exec, so later frames are dropped and
 * the first error is kept for the caller.
 */
final class OutputForwarder extends ResultCallback.Adapter<Frame> {

    private final OutputStream output;
    private volatile IOException writeError;

    OutputForwarder(OutputStream output) {
        this.output = output;
    }

    @Override
    public void onNext(Frame frame) {
        if (output == null || writeError != null) {
            return;
        }
        switch (frame.getStreamType()) {
            case STDOUT, STDERR, RAW -> write(frame.getPayload());
            default -> {
                // stdin echoes are not output
            }
        }
    }

    private void write(byte[] payload) {
        try {
            output.write(payload);
        } catch (IOException e) {
            writeError = e;
        }
    }

    void flush() {
        if (output != null && writeError == null) {
            try {
                output.flush();
            } catch (IOException e) {
                writeError = e;
            }
        }
    }

    IOException writeError() {
        return writeError;
    }
}
