/**
 * The Docker runner ({@code orun run --runner docker}), a third-party-style plugin that depends
 * only on {@code orun-core}'s runner SPI and talks to the engine API through docker-java.
 *
 * <ul>
 *   <li>{@link dev.orun.runner.docker.EngineDiscovery}: which engine ({@code DOCKER_HOST}, the
 *       current Docker context, {@code /var/run/docker.sock});</li>
 *   <li>{@link dev.orun.runner.docker.ImageResolver}: which image (step {@code with.image}, job
 *       {@code parameters.image}, {@code runsOn}, the {@code image} option, label mapping);</li>
 *   <li>{@link dev.orun.runner.docker.ContainerLabels}: how orun's containers are marked and
 *       when an owner is dead;</li>
 *   <li>{@code JobContainer}: one long-lived container per job, steps through {@code exec}.</li>
 * </ul>
 */
package dev.orun.runner.docker;
