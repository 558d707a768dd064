package dev.orun.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.util.List;

/**
 * Removes containers a crashed orun left behind: those labelled with the given execution id whose
 * owning process (same host) is gone. Containers of live processes, such as another worker
 * resuming the same execution, are left alone.
 */
final class OrphanReaper {

    private static final System.Logger LOG = System.getLogger(OrphanReaper.class.getName());

    private final DockerClient docker;

    OrphanReaper(DockerClient docker) {
        this.docker = docker;
    }

    /** Returns how many containers were removed. */
    int removeDeadOwners(String execId) {
        List<Container> labelled = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(java.util.Map.of(ContainerLabels.EXEC_ID, execId)).exec();
        int removed = 0;
        for (Container container : labelled) {
            if (ContainerLabels.ownerIsDead(container.getLabels())) {
                try {
                    docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
                    removed++;
                } catch (NotFoundException e) {
                    // removed concurrently
                } catch (DockerException e) {
                    // a container we cannot remove now stays; it does not block this run
                    LOG.log(System.Logger.Level.DEBUG, "cannot remove left-over container "
                            + container.getId(), e);
                }
            }
        }
        removeDeadVolumes(execId);
        return removed;
    }

    /** Workspace overlay volumes whose orun process has died (their containers are gone by now). */
    private void removeDeadVolumes(String execId) {
        try {
            var volumes = docker.listVolumesCmd()
                    .withFilter("label", List.of(ContainerLabels.EXEC_ID + "=" + execId)).exec().getVolumes();
            if (volumes == null) {
                return;
            }
            for (var volume : volumes) {
                if (ContainerLabels.ownerIsDead(volume.getLabels())) {
                    try {
                        docker.removeVolumeCmd(volume.getName()).exec();
                    } catch (DockerException e) {
                        // in use or gone: the next run with this exec id tries again
                    }
                }
            }
        } catch (DockerException e) {
            // listing failed: leftovers are only mount entries
        }
    }
}
