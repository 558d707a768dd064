/**
 * The runner SPI. A runner backend implements {@link dev.orun.core.runner.RunnerProvider} and is
 * registered for {@link java.util.ServiceLoader}; the engine drives it through
 * {@link dev.orun.core.runner.Runner} and {@link dev.orun.core.runner.JobSession}.
 *
 * <p>What every runner must do is written down as a test suite: {@code RunnerContract} in
 * orun-core's test jar ({@code dev.orun.core.runner.contract}); an implementation's tests extend
 * it (depend on {@code orun-core} with {@code <type>test-jar</type>}).
 */
package dev.orun.core.runner;
