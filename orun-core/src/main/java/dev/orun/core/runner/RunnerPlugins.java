package dev.orun.core.runner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where third-party runners come from: jar files in the directories (or the jar files) listed in
 * {@code ORUN_PLUGIN_PATH} (separated like the class path, {@code :} on Unix), else in
 * {@code ~/.orun/plugins/}. {@link #classLoader} puts them on a child class loader, which
 * {@link Runners} searches with {@link java.util.ServiceLoader}: a plugin needs no change to the
 * launcher's class path (a {@code java -jar} launch ignores it anyway).
 *
 * <p>Not implemented by plugins; called by the CLI's {@code main} thread once at start-up, before
 * any runner is looked up. Plugin authors only ship a jar with a {@code RunnerProvider} service file.
 */
public final class RunnerPlugins {

    public static final String PATH_VARIABLE = "ORUN_PLUGIN_PATH";

    private RunnerPlugins() {
    }

    /** The plugin jars, sorted within each directory so the search order is stable. */
    public static List<Path> jars(Map<String, String> env) {
        List<Path> entries = new ArrayList<>();
        String path = env.get(PATH_VARIABLE);
        if (path != null && !path.isBlank()) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(Path.of(entry));
                }
            }
        } else if (env.get("HOME") != null) {
            entries.add(Path.of(env.get("HOME"), ".orun", "plugins"));
        }
        List<Path> jars = new ArrayList<>();
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.list(entry)) {
                    files.filter(file -> file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file))
                            .sorted().forEach(jars::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list runner plugins in " + entry, e);
                }
            } else if (Files.isRegularFile(entry)) {
                jars.add(entry);
            }
        }
        return jars;
    }

    /** {@code parent} itself when there are no plugin jars, else a loader over them below it. */
    public static ClassLoader classLoader(Map<String, String> env, ClassLoader parent) {
        List<Path> jars = jars(env);
        if (jars.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(jars.get(i).toString(), e);
            }
        }
        return new URLClassLoader("orun-plugins", urls, parent);
    }
}
