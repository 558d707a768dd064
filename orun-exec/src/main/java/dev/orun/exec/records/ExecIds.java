package dev.orun.exec.records;

import dev.orun.core.InvalidInputException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Execution ids: generated ones are readable and sort by start time
 * ({@code release-20260530-091203-9c41d2}); user-supplied ones ({@code --exec-id},
 * {@code ORUN_EXEC_ID}) are checked before they become a directory name.
 */
public final class ExecIds {

    public static final int MAX_LENGTH = 128;

    /** Starts with a letter or digit; then letters, digits, {@code . _ -}. No separators, no dot-only names. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final int MAX_NAME = 30;

    /** Only for making ids: seeding a SecureRandom loads the security providers, which reading never needs. */
    private static final class Making {
        static final DateTimeFormatter STAMP =
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
        static final SecureRandom RANDOM = new SecureRandom();
    }

    private ExecIds() {
    }

    /** {@code <plan-name-or-run>-<yyyyMMdd-HHmmss UTC>-<6 hex>}. */
    public static String generate(String planName) {
        return generate(planName, Clock.systemUTC());
    }

    static String generate(String planName, Clock clock) {
        byte[] random = new byte[3];
        Making.RANDOM.nextBytes(random);
        return slug(planName) + "-" + Making.STAMP.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
    }

    /** Returns the id unchanged when it is acceptable, else throws (exit 2) saying why. */
    public static String validate(String execId) {
        if (execId == null || execId.isBlank()) {
            throw new InvalidInputException("exec id is empty");
        }
        if (execId.length() > MAX_LENGTH) {
            throw new InvalidInputException("exec id \"" + execId.substring(0, 40)
                    + "…\" is longer than " + MAX_LENGTH + " characters");
        }
        if (!VALID.matcher(execId).matches()) {
            throw new InvalidInputException("exec id \"" + execId
                    + "\" may only contain letters, digits, '.', '_' and '-', and must start with a letter or digit");
        }
        return execId;
    }

    public static boolean isValid(String execId) {
        return execId != null && execId.length() <= MAX_LENGTH && VALID.matcher(execId).matches();
    }

    /** The plan name lower-cased, anything outside {@code [a-z0-9]} folded to single dashes, ≤ 30 chars. */
    static String slug(String planName) {
        if (planName == null) {
            return "run";
        }
        String slug = planName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_NAME) {
            slug = slug.substring(0, MAX_NAME).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "run" : slug;
    }
}
