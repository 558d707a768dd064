package dev.orun.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes an image present according to the pull policy. Each image is settled once per run, under
 * a per-image lock, so jobs starting together on the same image pull it once.
 */
final class ImageFetcher {

    private static final System.Logger LOG = System.getLogger(ImageFetcher.class.getName());

    private final DockerClient docker;
    private final PullPolicy policy;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> ready = new ConcurrentHashMap<>();
    /** A failed image stays failed for the run: every job on it reports the same reason at once. */
    private final ConcurrentMap<String, String> failed = new ConcurrentHashMap<>();

    ImageFetcher(DockerClient docker, PullPolicy policy) {
        this.docker = docker;
        this.policy = policy;
    }

    /**
     * Ensures {@code image} can be run.
     *
     * @throws ImageUnavailableException with a one-line reason naming the image
     */
    void ensure(String image) throws InterruptedException {
        if (ready.containsKey(image)) {
            return;
        }
        synchronized (locks.computeIfAbsent(image, k -> new Object())) {
            if (ready.containsKey(image)) {
                return;
            }
            String earlier = failed.get(image);
            if (earlier != null) {
                throw new ImageUnavailableException(earlier);
            }
            try {
                settle(image);
            } catch (ImageUnavailableException e) {
                failed.put(image, e.reason());
                throw e;
            }
            ready.put(image, Boolean.TRUE);
        }
    }

    private void settle(String image) throws InterruptedException {
        boolean present = isPresent(image);
        if (policy == PullPolicy.NEVER && !present) {
            throw new ImageUnavailableException("image " + image
                    + " is not present in the Docker engine and the pull policy is never "
                    + "(load or build it first, or use --pull if-not-present)");
        }
        if (policy == PullPolicy.ALWAYS || !present) {
            pull(image, present);
        }
    }

    private boolean isPresent(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void pull(String image, boolean presentBefore) throws InterruptedException {
        PullImageResultCallback callback = docker.pullImageCmd(image).exec(new PullImageResultCallback());
        try {
            callback.awaitCompletion();
        } catch (InterruptedException e) {
            closeQuietly(callback);
            throw e;
        } catch (RuntimeException e) {
            throw new ImageUnavailableException("pulling image " + image + " failed"
                    + (presentBefore ? " (pull policy always)" : " and it is not present locally") + ": "
                    + oneLine(e.getMessage()));
        }
        if (!isPresent(image)) {
            throw new ImageUnavailableException("image " + image + " is still missing after pulling it");
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // the pull is abandoned either way
            LOG.log(System.Logger.Level.DEBUG, "closing an abandoned pull", e);
        }
    }

    /**
     * One line from an engine error: docker-java reports {@code Status 500: {"message":"..."}}, of
     * which only the engine's message is worth showing.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String text = message;
        Matcher json = ENGINE_MESSAGE.matcher(text);
        if (json.find()) {
            text = json.group(1).replace("\\\"", "\"");
        }
        return text.replace('\n', ' ').replace('\r', ' ').strip();
    }

    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\\{\\s*\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
}
