package dev.orun.runner.local;

import dev.orun.core.runner.WorkspaceOverlay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fallback {@link StepSandbox} (where {@code perl} is missing): runs a step inside its own user, mount and PID namespaces in which the job's
 * {@link WorkspaceOverlay} is mounted over the source tree (the decision is recorded in
 * {@code docs/decisions/isolation-namespaces.md}):
 * <ol>
 *   <li>{@code unshare --user --map-root-user --mount --pid --fork --mount-proc --kill-child}
 *       gives the step namespaces of its own, in which it may mount;</li>
 *   <li>a small {@code sh} wrapper mounts an overlay <i>on the source root's own path</i> (lower
 *       layer: the tree; upper: the job's private directory), so absolute paths, {@code ../}
 *       and symbolic links into the tree all land in the overlay; then covers each hidden
 *       directory ({@code .orun}) with an empty read-only tmpfs and changes into the step's
 *       directory through the overlay;</li>
 *   <li>the step's command runs in a further user namespace mapped back to the caller's uid, so
 *       it is not root and has no capability over those mounts: it cannot unmount them to reach
 *       the tree beneath, nor remount the hidden directory writable.</li>
 * </ol>
 * The wrapper stays the namespace's first process (the step's command is its child, so signals
 * reach that command as usual); when it exits the kernel kills every process left in the PID
 * namespace, so nothing a step started outlives it, however it forked or whatever it did to its
 * environment. {@code --kill-child} kills the namespace when {@code unshare} itself is killed.
 */
final class NamespaceSandbox implements StepSandbox {

    /** Exit status of the wrapper when it could not set the namespace up. */
    static final int SETUP_FAILED = 125;

    private static final String WRAPPER = String.join("\n",
            "root=$1 layers=$2 dir=$3 uid=$4 gid=$5 unshare=$6 mount=$7; shift 7",
            "\"$mount\" -t overlay orun-workspace -o \"$layers\" \"$root\" || { echo \"orun: cannot mount "
                    + "the workspace overlay on $root\" >&2; exit " + SETUP_FAILED + "; }",
            "while [ \"$1\" != -- ]; do",
            "  \"$mount\" -t tmpfs -o ro,size=4k,mode=555 orun-hidden \"$1\" || { echo \"orun: cannot "
                    + "hide $1\" >&2; exit " + SETUP_FAILED + "; }",
            "  shift",
            "done",
            "shift",
            "cd \"$dir\" || { echo \"orun: working directory $dir does not exist\" >&2; exit "
                    + SETUP_FAILED + "; }",
            "\"$unshare\" --user --map-user=\"$uid\" --map-group=\"$gid\" -- \"$@\"");

    private final String unshare;
    private final String mount;
    private final String shell;
    private final String uid;
    private final String gid;

    NamespaceSandbox(Executables programs) {
        this.unshare = programs.resolve("unshare");
        this.mount = programs.resolve("mount");
        this.shell = programs.resolve("sh");
        this.uid = Long.toString(currentId("uid"));
        this.gid = Long.toString(currentId("gid"));
    }

    /**
     * The command that runs {@code command} in {@code directory} inside the overlay. Start it in
     * {@code overlay.root()} (which exists on the host; the step's directory may exist only in
     * the overlay).
     */
    List<String> wrap(List<String> command, Path directory, WorkspaceOverlay overlay) {
        List<String> full = new ArrayList<>(command.size() + 24);
        full.addAll(List.of(unshare, "--user", "--map-root-user", "--mount", "--pid", "--fork",
                "--mount-proc", "--kill-child", "--", shell, "-c", WRAPPER, "orun-sandbox",
                overlay.root().toString(), layers(overlay), directory.toString(), uid, gid, unshare, mount));
        for (Path hidden : overlay.hidden()) {
            full.add(hidden.toString());
        }
        full.add("--");
        full.addAll(command);
        return full;
    }

    /** The overlay's mount options; {@code \\}, {@code ,} and {@code :} in paths are escaped with a backslash. */
    static String layers(WorkspaceOverlay overlay) {
        return "lowerdir=" + escape(overlay.root()) + ",upperdir=" + escape(overlay.upper())
                + ",workdir=" + escape(overlay.work());
    }

    private static String escape(Path path) {
        return path.toString().replace("\\", "\\\\").replace(",", "\\,").replace(":", "\\:");
    }

    @Override
    public String mechanism() {
        return "unshare, sh and mount per step";
    }

    @Override
    public Optional<String> probe(Path scratch) {
        return SandboxProbe.run(this, scratch, shell, uid);
    }

    @Override
    public RunningStep start(List<String> command, Path directory, WorkspaceOverlay overlay,
                             Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(wrap(command, directory, overlay))
                .directory(overlay.root().toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new ProcessStep(builder.start(), environment.get(ProcessTrees.TRACKING_VARIABLE), true);
    }

    @Override
    public void close() {
        // nothing outlives a step here
    }

    static long currentId(String kind) {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:" + kind)).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }
}
