package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /v1/auth/cli/token}: grant {@code cli_code} (with cliCode) or {@code refresh_token}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CliTokenRequest(String grantType, String cliCode, String refreshToken) {
  public static final String CLI_CODE = "cli_code";
  public static final String REFRESH_TOKEN = "refresh_token";
}
