package dev.orun.cli;

import java.io.IOException;

/** Opens a URL in the desktop's browser when there is one; the URL is always printed as well. */
final class Browser {
    private Browser() {
    }

    /** @param env the command's environment: a graphical session shows in {@code DISPLAY}/{@code WAYLAND_DISPLAY} */
    static void open(java.util.Map<String, String> env, String url) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String opener = os.contains("mac") ? "open" : os.contains("win") ? null
                : env.get("DISPLAY") != null || env.get("WAYLAND_DISPLAY") != null ? "xdg-open" : null;
        if (opener == null || !url.startsWith("http")) {
            return;
        }
        try {
            new ProcessBuilder(opener, url).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException ignored) {
            // no browser: the printed URL is enough
        }
    }
}
