package dev.orun.cli.render;

import java.util.Map;

/**
 * What the output stream can do: colour ({@code NO_COLOR} set, {@code TERM=dumb} or not a terminal
 * → none) and a live, redrawn progress block (only on an interactive terminal outside CI).
 */
public record Terminal(boolean colour, boolean live) {

    private static final String[] CI_VARIABLES = {"CI", "GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI",
            "BUILDKITE", "JENKINS_URL"};

    public static Terminal detect(Map<String, String> env, boolean consoleAttached) {
        boolean dumb = "dumb".equals(env.get("TERM")) || env.get("TERM") == null;
        boolean noColour = env.containsKey("NO_COLOR") || env.containsKey("ORUN_NO_COLOR");
        boolean ci = false;
        for (String name : CI_VARIABLES) {
            String value = env.get(name);
            if (value != null && !value.isEmpty() && !value.equalsIgnoreCase("false")) {
                ci = true;
            }
        }
        boolean colour = consoleAttached && !dumb && !noColour;
        return new Terminal(colour, consoleAttached && !dumb && !ci);
    }

    public static Terminal plain() {
        return new Terminal(false, false);
    }

    public String green(String text) {
        return paint("32", text);
    }

    public String red(String text) {
        return paint("31", text);
    }

    public String yellow(String text) {
        return paint("33", text);
    }

    public String dim(String text) {
        return paint("2", text);
    }

    public String bold(String text) {
        return paint("1", text);
    }

    private String paint(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
