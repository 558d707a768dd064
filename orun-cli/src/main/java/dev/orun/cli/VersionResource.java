package dev.orun.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven filtered into {@code orun-version.properties}. */
final class VersionResource {
    private VersionResource() {
    }

    static String read() {
        try (InputStream in = VersionResource.class.getResourceAsStream("/orun-version.properties")) {
            if (in == null) {
                return "development";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
