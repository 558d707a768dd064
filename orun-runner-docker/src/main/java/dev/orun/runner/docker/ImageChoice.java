package dev.orun.runner.docker;

/**
 * The image a job or step runs in, and why (shown by {@code --dry-run}).
 *
 * @param image  the image reference handed to the engine
 * @param reason where it came from, e.g. {@code runsOn ubuntu-22.04}
 */
public record ImageChoice(String image, String reason) {
}
