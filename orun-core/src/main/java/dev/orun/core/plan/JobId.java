package dev.orun.core.plan;

import dev.orun.core.InvalidInputException;

/**
 * A job's identity in a plan: {@code <component>@<environment>.<job>}, for example
 * {@code network-foundation@development.validate-terraform}. Component names cannot contain
 * {@code @} and environment names cannot contain {@code .}, so the form parses unambiguously even
 * when the job name itself contains dots.
 */
public record JobId(String component, String environment, String job) implements Comparable<JobId> {

    public JobId {
        requireValid(component, environment, job);
    }

    public static JobId of(String component, String environment, String job) {
        return new JobId(component, environment, job);
    }

    public static JobId parse(String text) {
        if (text == null) {
            throw new InvalidInputException("job id is missing");
        }
        int at = text.indexOf('@');
        int dot = at < 0 ? -1 : text.indexOf('.', at + 1);
        if (at <= 0 || dot < 0 || dot == at + 1 || dot == text.length() - 1) {
            throw new InvalidInputException(
                    "job id \"" + text + "\" is not of the form <component>@<environment>.<job>");
        }
        return new JobId(text.substring(0, at), text.substring(at + 1, dot), text.substring(dot + 1));
    }

    /** The error a component name is refused with, or {@code null} when it is acceptable. */
    public static String componentNameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "component name is empty";
        }
        if (name.indexOf('@') >= 0) {
            return "component name \"" + name + "\" must not contain '@'";
        }
        return controlCharacterProblem("component", name);
    }

    /** The error a job name is refused with, or {@code null} when it is acceptable. */
    public static String jobNameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "job name is empty";
        }
        return controlCharacterProblem("job", name);
    }

    /**
     * Names reach step commands, log lines and file names: a newline would split a step's
     * command or a record line, so no name may contain a control character (see
     * docs/decisions/safe-names.md).
     */
    private static String controlCharacterProblem(String kind, String name) {
        if (hasControlCharacter(name)) {
            return kind + " name \"" + escaped(name) + "\" must not contain control characters (newline, tab, …)";
        }
        return null;
    }

    // a plain loop: this runs for every job id a command parses (5000 per `orun status` of a large run)
    private static boolean hasControlCharacter(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The name with control characters written as escapes, so an error stays on one line. */
    public static String escaped(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (char c : name.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }

    /** The error an environment name is refused with, or {@code null} when it is acceptable. */
    public static String environmentNameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "environment name is empty";
        }
        if (name.indexOf('.') >= 0) {
            return "environment name \"" + name + "\" must not contain '.'";
        }
        if (name.indexOf('@') >= 0) {
            return "environment name \"" + name + "\" must not contain '@'";
        }
        return controlCharacterProblem("environment", name);
    }

    private static void requireValid(String component, String environment, String job) {
        String problem = componentNameProblem(component);
        if (problem == null) {
            problem = environmentNameProblem(environment);
        }
        if (problem == null) {
            problem = jobNameProblem(job);
        }
        if (problem != null) {
            throw new InvalidInputException(problem);
        }
    }

    @Override
    public int compareTo(JobId other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return component + "@" + environment + "." + job;
    }
}
