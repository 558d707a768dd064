package dev.orun.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code ORUN_DEBUG=1}: the libraries' {@link System.Logger} debug messages (they go to
 * {@code java.util.logging} by default) are printed on stderr. Without it only warnings are.
 */
final class DebugLogging {

    private static final Logger ORUN = Logger.getLogger("dev.orun");

    private DebugLogging() {
    }

    static synchronized void enable() {
        if (ORUN.getLevel() == Level.FINEST) {
            return;
        }
        System.setProperty("java.util.logging.SimpleFormatter.format",
                "orun debug: %3$s: %5$s%6$s%n");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.FINEST);
        handler.setFormatter(new SimpleFormatter());
        ORUN.setLevel(Level.FINEST);
        ORUN.addHandler(handler);
        ORUN.setUseParentHandlers(false);
    }
}
