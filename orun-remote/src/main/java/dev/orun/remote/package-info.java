/** Remote-state client (coming). */
package dev.orun.remote;
