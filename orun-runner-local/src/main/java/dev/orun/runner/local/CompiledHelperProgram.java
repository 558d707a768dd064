package dev.orun.runner.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code sandbox-helper.c}, compiled once per machine with the host's C compiler ({@code cc},
 * {@code gcc} or {@code clang} on {@code PATH}) into a private directory
 * ({@code ~/.orun/sandbox/}), under a name derived from the source and the CPU architecture, so
 * a new orun never runs an old helper. A fork of this small process costs a few page faults where
 * a fork of a perl interpreter costs over a hundred, which is most of what isolation added per
 * step (measured in {@code docs/decisions/isolation-namespaces.md}).
 *
 * <p>The binary runs with the user's rights, so it is only taken from a directory that belongs to
 * the user and nobody else can write to, and only if it belongs to the user too; otherwise it is
 * built afresh next to it (and a refused directory means the perl helper instead).
 */
final class CompiledHelperProgram implements HelperProgram {

    private static final String SOURCE = HelperProgram.bundledSource("sandbox-helper.c");
    private static final long COMPILE_SECONDS = 120;
    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private final Executables programs;
    private final Map<String, String> hostEnvironment;
    private final Path directory;
    private final long uid;
    private Path binary;

    /**
     * @param directory where compiled helpers are kept (created private if missing)
     * @param uid       the user the directory and the binary must belong to
     */
    CompiledHelperProgram(Executables programs, Map<String, String> hostEnvironment, Path directory, long uid) {
        this.programs = programs;
        this.hostEnvironment = hostEnvironment;
        this.directory = directory;
        this.uid = uid;
    }

    /** {@code ~/.orun/sandbox}, beside the other things orun keeps per user. */
    static Path defaultDirectory(Map<String, String> hostEnvironment) {
        String home = hostEnvironment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".orun", "sandbox");
    }

    @Override
    public String mechanism() {
        return "one compiled helper per run";
    }

    @Override
    public synchronized Optional<String> prepare() {
        if (binary != null) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(directory.getParent());
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another orun made it at the same moment; checked below like any other
                }
            }
            if (!ownedByUserAlone(directory)) {
                return Optional.of(directory + " is not a private directory of uid " + uid);
            }
            Path target = directory.resolve("sandbox-helper-" + key());
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || !ownedByUserAlone(target)) {
                Optional<String> refused = compile(target);
                if (refused.isPresent()) {
                    return refused;
                }
            }
            binary = target;
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot build the sandbox helper in " + directory + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while building the sandbox helper");
        }
    }

    @Override
    public List<String> command(Path socket, String uidText, String gid) {
        if (binary == null) {
            throw new IllegalStateException("the compiled helper was not prepared");
        }
        return List.of(binary.toString(), socket.toString(), uidText, gid);
    }

    /**
     * Compiles into a temporary name and renames, so another orun never starts a half-written
     * binary (two that compile at once both rename a complete one).
     */
    private Optional<String> compile(Path target) throws IOException, InterruptedException {
        Optional<Path> compiler = programs.find("cc").or(() -> programs.find("gcc")).or(() -> programs.find("clang"));
        if (compiler.isEmpty()) {
            return Optional.of("no C compiler (cc, gcc, clang) on PATH");
        }
        String unique = ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path source = directory.resolve(".sandbox-helper-" + unique + ".c");
        Path built = directory.resolve(".sandbox-helper-" + unique);
        try {
            Files.writeString(source, SOURCE);
            ProcessBuilder builder = new ProcessBuilder(compiler.get().toString(), "-O2", "-o", built.toString(),
                    source.toString())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().clear();
            builder.environment().putAll(hostEnvironment);
            Process process = builder.start();
            if (!process.waitFor(COMPILE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of(compiler.get() + " did not finish compiling the sandbox helper");
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(built)) {
                return Optional.of(compiler.get() + " could not compile the sandbox helper");
            }
            Files.setPosixFilePermissions(built, PosixFilePermissions.fromString("rwx------"));
            Files.move(built, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            removeOtherVersions(target);
            return Optional.empty();
        } finally {
            Files.deleteIfExists(source);
            Files.deleteIfExists(built);
        }
    }

    /**
     * Helpers of earlier orun versions (an orun still running one keeps it open; a later start of
     * that version compiles it again).
     */
    private void removeOtherVersions(Path current) {
        try (var others = Files.newDirectoryStream(directory, "sandbox-helper-*")) {
            for (Path other : others) {
                if (!other.equals(current)) {
                    Files.deleteIfExists(other);
                }
            }
        } catch (IOException e) {
            // only disk space
        }
    }

    private boolean ownedByUserAlone(Path path) throws IOException {
        Object owner = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        return owner instanceof Number number && number.longValue() == uid
                && permissions.stream().noneMatch(WRITABLE_BY_OTHERS::contains);
    }

    /** The source and the CPU architecture: a changed helper or a home shared between machines gets a new binary. */
    private static String key() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(SOURCE.getBytes(StandardCharsets.UTF_8));
            digest.update(System.getProperty("os.arch", "").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
