/**
 * Who a remote-state call acts as: the GitHub Actions OIDC exchange, the stored CLI session
 * ({@code orun auth login}), or a machine token ({@code ORUN_TOKEN}/{@code ORUN_TOKEN_FILE}), in
 * that order (docs/decisions/remote-state-auth.md), plus the repository link cached in
 * {@code ~/.orun/config.yaml}. Tokens never appear in messages, logs or {@code toString()}.
 */
package dev.orun.remote.auth;
