/**
 * Wire types of the orun State API, shared by the backend server and the remote-state client.
 *
 * <p>Two dialects share one base path {@code /v1/organizations/{org}/projects/{project}/state}:
 * dialect A (REST, {@code Orun-Contract-Version: 1}, payloads wrapped in {@link DataEnvelope}) and
 * dialect B (coordination verbs, {@code Orun-Contract-Version: 2}, payloads flat). Readers ignore
 * unknown fields; writers leave out null optional fields.
 */
package dev.orun.remote.protocol;
