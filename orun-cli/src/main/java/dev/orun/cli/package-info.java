/** The orun command line. */
package dev.orun.cli;
