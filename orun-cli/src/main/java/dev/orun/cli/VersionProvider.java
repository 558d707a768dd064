package dev.orun.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest, falling back to the build's version resource. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        if (version == null) {
            version = VersionResource.read();
        }
        return new String[] {"orun " + version,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
