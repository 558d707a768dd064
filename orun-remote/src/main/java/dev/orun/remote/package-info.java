/**
 * Remote state. {@link dev.orun.remote.protocol} holds the State API wire types shared with
 * {@code orun-backend}; the HTTP client comes next.
 */
package dev.orun.remote;
