package dev.orun.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.orun.core.runner.WorkspaceOverlay;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A job's {@link WorkspaceOverlay} as a Docker volume: the {@code local} driver with
 * {@code type=overlay} mounts the source tree (lower, read-only) and the job's upper directory
 * when a container uses the volume. The engine runs as root, so it can mount overlays whatever
 * the user running orun may do. Containers mount it at {@code /workspace}, with an empty read-only
 * tmpfs over {@code /workspace/.orun} (see {@code docs/decisions/isolation-namespaces.md}).
 * Removing the volume unmounts it; the upper directory stays on the host for orun to keep or
 * delete.
 */
final class OverlayVolume {

    private final DockerClient docker;
    private final String name;

    private OverlayVolume(DockerClient docker, String name) {
        this.docker = docker;
        this.name = name;
    }

    static OverlayVolume create(DockerClient docker, WorkspaceOverlay overlay, String execId, String jobId) {
        String name = "orun-ws-" + UUID.randomUUID();
        Map<String, String> options = new HashMap<>();
        options.put("type", "overlay");
        options.put("device", "overlay");
        options.put("o", "lowerdir=" + escape(overlay.root().toString()) + ",upperdir="
                + escape(overlay.upper().toString()) + ",workdir=" + escape(overlay.work().toString()));
        docker.createVolumeCmd().withName(name).withDriver("local").withDriverOpts(options)
                .withLabels(ContainerLabels.forJob(execId, jobId)).exec();
        return new OverlayVolume(docker, name);
    }

    /** Overlay option values: {@code \}, {@code ,} and {@code :} are escaped with a backslash. */
    private static String escape(String path) {
        return path.replace("\\", "\\\\").replace(",", "\\,").replace(":", "\\:");
    }

    String name() {
        return name;
    }

    /** Removes the volume; one still used by a kept container stays. */
    void remove() {
        try {
            docker.removeVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (DockerException e) {
            // in use by a kept container, or the engine went away: only a mount entry is left
        }
    }
}
