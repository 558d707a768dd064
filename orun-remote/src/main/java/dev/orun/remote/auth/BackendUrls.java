package dev.orun.remote.auth;

import dev.orun.core.InvalidInputException;

/** Backend URLs compared and stored one way: no trailing slash. */
public final class BackendUrls {
    private BackendUrls() {
    }

    public static String normalise(String url) {
        String u = url == null ? "" : url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    /** The URL, or a one-line exit-2 error when it is not http(s). */
    public static String require(String url, String where) {
        String u = normalise(url);
        if (u.isEmpty()) {
            throw new InvalidInputException("a backend URL is required: pass " + where + " or set ORUN_BACKEND_URL");
        }
        if (!u.startsWith("http://") && !u.startsWith("https://")) {
            throw new InvalidInputException("backend URL must start with http:// or https://, got " + u);
        }
        return u;
    }
}
