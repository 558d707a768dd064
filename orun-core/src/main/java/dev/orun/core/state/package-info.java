/** Execution state: statuses and the state-backend SPI that local records and remote state implement. */
package dev.orun.core.state;
