/** The Docker runner plugin. */
package dev.orun.runner.docker;
