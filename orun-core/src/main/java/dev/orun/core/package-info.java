/**
 * orun's core: the plan model ({@link dev.orun.core.plan}), the runner SPI ({@link
 * dev.orun.core.runner}), the execution-state model and backend SPI ({@link dev.orun.core.state}),
 * progress events ({@link dev.orun.core.event}) and the error types every module reports with.
 */
package dev.orun.core;
