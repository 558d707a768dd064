package dev.orun.runner.gha.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stdout workflow command, {@code ::name key=value,key=value::message}, with GitHub's escapes
 * decoded ({@code %25 %0D %0A} in the message, also {@code %3A %2C} in properties). Lines in the
 * legacy {@code ##[name]message} form are read too.
 */
record WorkflowCommand(String name, Map<String, String> properties, String message) {

    static WorkflowCommand parse(String line) {
        String text = line.stripLeading();
        if (text.startsWith("::")) {
            int end = text.indexOf("::", 2);
            if (end < 0) {
                return null;
            }
            String head = text.substring(2, end);
            String message = unescape(text.substring(end + 2), false);
            int space = head.indexOf(' ');
            String name = space < 0 ? head : head.substring(0, space);
            Map<String, String> properties = new LinkedHashMap<>();
            if (space >= 0) {
                for (String pair : head.substring(space + 1).split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        properties.put(pair.substring(0, eq).strip(),
                                unescape(pair.substring(eq + 1), true));
                    }
                }
            }
            return name.isEmpty() ? null : new WorkflowCommand(name, properties, message);
        }
        if (text.startsWith("##[")) {
            int end = text.indexOf(']');
            if (end < 0) {
                return null;
            }
            return new WorkflowCommand(text.substring(3, end), Map.of(), text.substring(end + 1));
        }
        return null;
    }

    private static String unescape(String value, boolean property) {
        String result = value.replace("%0D", "\r").replace("%0A", "\n");
        if (property) {
            result = result.replace("%3A", ":").replace("%2C", ",");
        }
        return result.replace("%25", "%");
    }
}
