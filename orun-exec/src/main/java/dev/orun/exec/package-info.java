/** The execution engine, the local runner, execution records and the embedding API. */
package dev.orun.exec;
