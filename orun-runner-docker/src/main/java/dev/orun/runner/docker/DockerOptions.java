package dev.orun.runner.docker;

import dev.orun.core.runner.RunnerSettings;
import java.util.Optional;

/**
 * The Docker runner's settings, from {@link RunnerSettings#options()} first and the host
 * environment second.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>option</th><th>environment</th><th>meaning</th></tr>
 *   <tr><td>{@code pull}</td><td>{@code ORUN_DOCKER_PULL}</td><td>{@code always}, {@code never}, {@code if-not-present} (default)</td></tr>
 *   <tr><td>{@code image}</td><td>{@code ORUN_DOCKER_IMAGE}</td><td>image for jobs whose {@code runsOn} is empty or a GitHub runner label</td></tr>
 *   <tr><td>{@code user}</td><td>{@code ORUN_DOCKER_USER}</td><td>{@code host} (the host's uid:gid) or any {@code docker --user} value; default: the image's user</td></tr>
 * </table>
 *
 * @param pull         the pull policy
 * @param defaultImage the image for jobs that do not name one, or empty for the built-in label mapping
 * @param user         the user steps run as, already resolved ({@code host} becomes {@code uid:gid}); empty for the image's user
 */
public record DockerOptions(PullPolicy pull, Optional<String> defaultImage, Optional<String> user) {

    public static final String PULL = "pull";
    public static final String IMAGE = "image";
    public static final String USER = "user";
    public static final String PULL_ENV = "ORUN_DOCKER_PULL";
    public static final String IMAGE_ENV = "ORUN_DOCKER_IMAGE";
    public static final String USER_ENV = "ORUN_DOCKER_USER";
    /** The {@code user} value that means "the uid:gid of the user running orun". */
    public static final String HOST_USER = "host";

    public static DockerOptions from(RunnerSettings settings) {
        PullPolicy pull = setting(settings, PULL, PULL_ENV)
                .map(v -> PullPolicy.parse(v.value(), v.source()))
                .orElse(PullPolicy.IF_NOT_PRESENT);
        Optional<String> image = setting(settings, IMAGE, IMAGE_ENV).map(Setting::value);
        Optional<String> user = setting(settings, USER, USER_ENV).map(Setting::value)
                .map(v -> HOST_USER.equals(v) ? HostUser.current() : v);
        return new DockerOptions(pull, image, user);
    }

    private record Setting(String value, String source) {
    }

    private static Optional<Setting> setting(RunnerSettings settings, String key, String envName) {
        Optional<Setting> fromOption = settings.option(key).map(String::strip).filter(v -> !v.isEmpty())
                .map(v -> new Setting(v, "docker runner option " + key));
        if (fromOption.isPresent()) {
            return fromOption;
        }
        return Optional.ofNullable(settings.hostEnvironment().get(envName)).map(String::strip)
                .filter(v -> !v.isEmpty()).map(v -> new Setting(v, envName));
    }
}
