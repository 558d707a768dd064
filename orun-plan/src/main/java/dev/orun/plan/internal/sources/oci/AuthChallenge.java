package dev.orun.plan.internal.sources.oci;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed {@code WWW-Authenticate} header: its scheme ({@code Bearer}, {@code Basic}) and parameters. */
record AuthChallenge(String scheme, Map<String, String> params) {

    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"|([A-Za-z_]+)=([^,\\s]+)");

    static Optional<AuthChallenge> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
        Map<String, String> params = new LinkedHashMap<>();
        if (space > 0) {
            Matcher m = PARAM.matcher(trimmed.substring(space + 1));
            while (m.find()) {
                if (m.group(1) != null) {
                    params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
                } else {
                    params.put(m.group(3).toLowerCase(java.util.Locale.ROOT), m.group(4));
                }
            }
        }
        return Optional.of(new AuthChallenge(scheme, params));
    }

    boolean bearer() {
        return scheme.equalsIgnoreCase("Bearer");
    }

    boolean basic() {
        return scheme.equalsIgnoreCase("Basic");
    }
}
