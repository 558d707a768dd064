package dev.orun.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * A socket that exists but may not be opened is reported as such. Root may open anything, so the
 * check runs in a child JVM switched to the unprivileged user nobody with {@code setpriv}.
 */
@Tag("slow")
class EnginePermissionTest {

    @TempDir
    Path dir;

    @Test
    void aSocketThisUserMayNotOpenIsReportedAsPermissionDenied() throws Exception {
        assumeTrue(HostUser.current().startsWith("0:") && new File("/usr/bin/setpriv").canExecute(),
                "skipped: needs root and setpriv to run the check as another user (CI runs as root)");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = dir.resolve("docker.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));

            String output = runAsNobody("unix://" + socket);

            assertThat(output).startsWith("exit 2: docker runner: no Docker engine is reachable; tried DOCKER_HOST (unix://"
                    + socket + "): permission denied on " + socket);
        }
    }

    private String runAsNobody(String dockerHost) throws Exception {
        Path classpath = Files.createDirectories(dir.resolve("cp"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            Path target = classpath.resolve(n++ + "-" + source.getFileName());
            copyReadable(source, target);
            entries.add(target.toString());
        }
        makeReadable(dir);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java, "-cp", String.join(File.pathSeparator, entries), CheckAvailableMain.class.getName(), dockerHost)
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private static void copyReadable(Path source, Path target) throws Exception {
        if (Files.isDirectory(source)) {
            try (Stream<Path> tree = Files.walk(source)) {
                for (Path p : (Iterable<Path>) tree::iterator) {
                    Path t = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } else if (Files.exists(source)) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void makeReadable(Path root) throws Exception {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                if (p.getFileName() != null && p.getFileName().toString().equals("docker.sock")) {
                    continue;
                }
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
