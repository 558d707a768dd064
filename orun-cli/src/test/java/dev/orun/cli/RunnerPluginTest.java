package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runner plugin as its author ships it: the example in examples/runner-plugin compiled into a jar
 * here, dropped into a plugin directory, and found by a fresh orun JVM that was not given it on its
 * class path.
 */
@Tag("slow")
class RunnerPluginTest {

    private static final Path PLUGIN_SOURCES = Path.of("..", "examples", "runner-plugin", "src", "main")
            .toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    Path jar;

    @BeforeEach
    void buildThePluginJar() throws IOException {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> sources = Files.walk(PLUGIN_SOURCES.resolve("java"))) {
            sources.filter(file -> file.toString().endsWith(".java")).forEach(file -> args.add(file.toString()));
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new))).isZero();
        jar = Files.createDirectories(tmp.resolve("plugins")).resolve("nice-runner.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> entries = Stream.concat(Files.walk(classes), Files.walk(PLUGIN_SOURCES.resolve("resources")))) {
            for (Path entry : entries.filter(Files::isRegularFile).toList()) {
                Path base = entry.startsWith(classes) ? classes : PLUGIN_SOURCES.resolve("resources");
                out.putNextEntry(new JarEntry(base.relativize(entry).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(entry));
                out.closeEntry();
            }
        }
    }

    @Test
    void runHelpListsThePluginFoundOnThePluginPathWithItsDescription() throws Exception {
        Result help = orun(tmp, Map.of("ORUN_PLUGIN_PATH", jar.getParent().toString()), "run", "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Runners (--runner NAME; plugins: jars in $ORUN_PLUGIN_PATH or ~/.orun/plugins/):")
                .containsPattern("\\n  docker +each job in a Docker container")
                .containsPattern("\\n  local +each step with the host's shell")
                .containsPattern("\\n  nice +each step with sh at low CPU priority \\(example plugin\\)");
    }

    @Test
    void aPluginInTheHomePluginDirectoryRunsAPlan() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve(".orun/plugins"));
        Files.copy(jar, home.resolve(".orun/plugins/nice-runner.jar"));
        TestWorkspace ws = new TestWorkspace(tmp.resolve("ws"))
                .component("db", "echo \"db ran by $ORUN_RUNNER\"").write();

        Result run = orun(ws.root(), Map.of("HOME", home.toString()), "run", "--runner", "nice", "--verbose");
        Result without = orun(ws.root(), Map.of("HOME", tmp.resolve("nohome").toString()), "run", "--runner", "nice");

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("db ran by nice");
        assertThat(without.exit()).isEqualTo(2);
        assertThat(without.out()).contains("unknown runner \"nice\" (available: docker, github-actions, local, recording)");
    }

    private record Result(int exit, String out) {
    }

    /** A fresh JVM whose class path does not hold the plugin, as bin/orun starts one. */
    private static Result orun(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("ORUN_PLUGIN_PATH");
        builder.environment().putAll(env);
        builder.environment().put("CI", "true");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), out);
    }
}
