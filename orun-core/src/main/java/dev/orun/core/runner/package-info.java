/**
 * The runner SPI. A runner backend implements {@link dev.orun.core.runner.RunnerProvider} and is
 * registered for {@link java.util.ServiceLoader}; the engine drives it through
 * {@link dev.orun.core.runner.Runner} and {@link dev.orun.core.runner.JobSession}.
 */
package dev.orun.core.runner;
