package dev.orun.plan;

import java.nio.file.Path;

/**
 * Choosing environments from the intent's {@code automation.triggerBindings}: either a binding by
 * name ({@code --trigger NAME}) or a CI event ({@code --from-ci github} with the event payload from
 * {@code --event-file} or {@code $GITHUB_EVENT_PATH}, the event name from
 * {@code $GITHUB_EVENT_NAME}).
 *
 * @param name      the binding name, or null
 * @param provider  the CI provider ({@code github}), or null
 * @param eventFile the event payload, or null
 * @param eventName the event name ({@code push}, {@code pull_request}, …), or null to infer it
 */
public record TriggerRequest(String name, String provider, Path eventFile, String eventName) {

    public static TriggerRequest named(String name) {
        return new TriggerRequest(name, null, null, null);
    }

    public static TriggerRequest fromCi(String provider, Path eventFile, String eventName) {
        return new TriggerRequest(null, provider, eventFile, eventName);
    }
}
