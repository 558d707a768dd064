package dev.orun.cli.render;

import dev.orun.core.CiEnvironment;
import java.util.Map;

/**
 * What the output stream can do: colour ({@code NO_COLOR} set, {@code TERM=dumb}, not a terminal
 * or one picocli's {@code Help.Ansi.AUTO} finds without colour support → none) and a live,
 * redrawn progress block (only on an interactive terminal outside CI).
 */
public record Terminal(boolean colour, boolean live) {

    public static Terminal detect(Map<String, String> env, boolean consoleAttached) {
        return detect(env, consoleAttached, consoleAttached);
    }

    /**
     * @param consoleAttached stdin and stdout are a terminal
     * @param ansiCapable     the terminal takes colour codes (picocli's {@code Help.Ansi.AUTO})
     */
    public static Terminal detect(Map<String, String> env, boolean consoleAttached,
                                  boolean ansiCapable) {
        boolean dumb = "dumb".equals(env.get("TERM")) || env.get("TERM") == null;
        boolean noColour = env.containsKey("NO_COLOR") || env.containsKey("ORUN_NO_COLOR");
        boolean colour = consoleAttached && ansiCapable && !dumb && !noColour;
        return new Terminal(colour, consoleAttached && !dumb && !CiEnvironment.detected(env));
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
