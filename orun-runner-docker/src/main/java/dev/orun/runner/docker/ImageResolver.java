package dev.orun.runner.docker;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the image for a job and for a step, most specific first:
 * <ol>
 *   <li>a step's {@code with.image} (that step runs in its own container);</li>
 *   <li>the job's {@code parameters.image};</li>
 *   <li>the job's {@code runsOn} when it names an image ({@code alpine:3.20}, {@code ghcr.io/x/y});</li>
 *   <li>the runner's default image ({@code image} option / {@code ORUN_DOCKER_IMAGE}) when
 *       {@code runsOn} is empty or a GitHub-hosted runner label;</li>
 *   <li>the label mapping: {@code ubuntu-22.04} → {@code ubuntu:22.04}, {@code ubuntu-latest} →
 *       {@code ubuntu:latest}, empty → {@code ubuntu:22.04}.</li>
 * </ol>
 */
public final class ImageResolver {

    public static final String IMAGE_KEY = "image";
    static final String FALLBACK_IMAGE = "ubuntu:22.04";

    /** GitHub-hosted runner labels and the images that stand in for them. */
    private static final Map<String, String> LABELS = Map.of(
            "ubuntu-latest", "ubuntu:latest",
            "ubuntu-24.04", "ubuntu:24.04",
            "ubuntu-22.04", "ubuntu:22.04",
            "ubuntu-20.04", "ubuntu:20.04",
            "ubuntu-18.04", "ubuntu:18.04",
            // Generic self-hosted labels say nothing about the image.
            "self-hosted", FALLBACK_IMAGE,
            "linux", FALLBACK_IMAGE,
            "x64", FALLBACK_IMAGE);

    private final Optional<String> defaultImage;

    public ImageResolver(Optional<String> defaultImage) {
        this.defaultImage = defaultImage;
    }

    public ImageChoice forJob(Job job) {
        Optional<String> parameter = text(job.parameters() == null ? null : job.parameters().get(IMAGE_KEY));
        if (parameter.isPresent()) {
            return new ImageChoice(parameter.get(), "job parameters.image");
        }
        String runsOn = job.runsOn() == null ? "" : job.runsOn().strip();
        String label = runsOn.toLowerCase(Locale.ROOT);
        boolean isLabel = runsOn.isEmpty() || LABELS.containsKey(label);
        if (!isLabel) {
            return new ImageChoice(runsOn, "runsOn");
        }
        String describedRunsOn = runsOn.isEmpty() ? "no runsOn" : "runsOn " + runsOn;
        if (defaultImage.isPresent()) {
            return new ImageChoice(defaultImage.get(), "default image (" + describedRunsOn + ")");
        }
        return new ImageChoice(runsOn.isEmpty() ? FALLBACK_IMAGE : LABELS.get(label), describedRunsOn);
    }

    /** The step's own image when it sets {@code with.image}, else empty (it runs in the job's container). */
    public Optional<ImageChoice> forStep(Step step) {
        return text(step.with() == null ? null : step.with().get(IMAGE_KEY))
                .map(image -> new ImageChoice(image, "step with.image"));
    }

    private static Optional<String> text(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
