package dev.orun.cli;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The flags the follow-up commands printed after a run ({@code orun status}, {@code orun logs},
 * a resuming {@code orun run}) need to find the same run: nothing for local records;
 * {@code --remote-state} for a run recorded on a state server, and {@code --backend-url} too
 * unless those commands find that server on their own ({@code ORUN_BACKEND_URL}, or the backend
 * {@code orun auth login} saved). A run's backend may come from the intent, which status and logs
 * do not read.
 */
final class FollowUpFlags {

    private FollowUpFlags() {
    }

    /**
     * @param remote   the run's remote-state options ({@code backendUrl}), empty for local records
     * @param env      the command's environment
     * @param savedUrl the backend {@code orun auth login} saved, or null
     * @return the flags with a leading space, or {@code ""}
     */
    static String of(Optional<Map<String, String>> remote, Map<String, String> env, Supplier<String> savedUrl) {
        if (remote.isEmpty()) {
            return "";
        }
        String url = remote.get().get("backendUrl");
        String envUrl = env.get("ORUN_BACKEND_URL");
        boolean foundAnyway = envUrl != null && !envUrl.isBlank() ? url.equals(envUrl) : url.equals(savedUrl.get());
        return " --remote-state" + (foundAnyway ? "" : " --backend-url " + url);
    }
}
