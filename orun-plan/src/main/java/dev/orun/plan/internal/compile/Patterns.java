package dev.orun.plan.internal.compile;

import java.util.Collection;

/** Name patterns used by selectors, subscriptions and filters: {@code *}, {@code prefix*} or exact. */
final class Patterns {

    private Patterns() {
    }

    static boolean matches(String pattern, String name) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith("*")) {
            return name.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(name);
    }

    static boolean anyMatches(Collection<String> patterns, String name) {
        for (String pattern : patterns) {
            if (matches(pattern, name)) {
                return true;
            }
        }
        return false;
    }

    static boolean isPattern(String text) {
        return text.endsWith("*");
    }
}
