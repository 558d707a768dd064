package dev.orun.runner.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code sandbox-helper.pl} run by {@code perl}, which every Debian and Ubuntu system has as
 * {@code perl-base}: the helper where no C compiler is installed. It makes its system calls by
 * number, so it runs where orun knows them (x86-64 and arm64).
 */
final class PerlHelperProgram implements HelperProgram {

    private static final String SCRIPT = HelperProgram.bundledSource("sandbox-helper.pl");

    private final String perl;
    private final List<String> syscalls;

    private PerlHelperProgram(String perl, List<String> syscalls) {
        this.perl = perl;
        this.syscalls = syscalls;
    }

    /** Empty where it cannot run: no {@code perl} on {@code PATH}, or a CPU it has no system call numbers for. */
    static Optional<HelperProgram> forThisMachine(Executables programs) {
        Optional<Path> perl = programs.find("perl");
        Optional<List<String>> numbers = syscallNumbers(System.getProperty("os.arch", ""));
        if (perl.isEmpty() || numbers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PerlHelperProgram(perl.get().toString(), numbers.get()));
    }

    /** clone, mount, prctl, unshare, execve, setsid, exit_group, dup3: the numbers differ between CPU architectures. */
    static Optional<List<String>> syscallNumbers(String arch) {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of(List.of("56", "165", "157", "272", "59", "112", "231", "292"));
            case "aarch64", "arm64" -> Optional.of(List.of("220", "40", "167", "97", "221", "157", "94", "24"));
            default -> Optional.empty();
        };
    }

    @Override
    public String mechanism() {
        return "one perl helper per run";
    }

    @Override
    public Optional<String> prepare() {
        return Optional.empty();
    }

    @Override
    public List<String> command(Path socket, String uid, String gid) {
        List<String> command = new ArrayList<>(List.of(perl, "-e", SCRIPT, socket.toString(), uid, gid));
        command.addAll(syscalls);
        return command;
    }
}
