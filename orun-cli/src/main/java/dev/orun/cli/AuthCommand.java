package dev.orun.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orun.remote.auth.LoginStatus;
import dev.orun.remote.auth.OrunAuth;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orun auth login|status|logout}: the stored CLI session (behaviour in orun-remote's OrunAuth). */
@Command(name = "auth", mixinStandardHelpOptions = true, description = "Log in to an orun backend for remote state.",
        subcommands = {AuthCommand.Login.class, AuthCommand.Status.class, AuthCommand.Logout.class})
final class AuthCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: login, status or logout");
    }

    @Command(name = "login", mixinStandardHelpOptions = true,
            description = "Log in (browser approval, or --device for a code to enter elsewhere) and store the session.")
    static final class Login implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--backend-url", paramLabel = "URL", description = "orun backend URL (default: $ORUN_BACKEND_URL, else the last one used)")
        String backendUrl;

        @Option(names = "--device", description = "Show a code to approve from another device instead of opening a browser")
        boolean device;

        private final CliEnvironment environment;

        Login(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            OrunAuth auth = new OrunAuth(environment.variables(), Clock.systemUTC());
            String url = auth.backendUrl(backendUrl).orElse(null);
            PrintWriter err = spec.commandLine().getErr();
            LoginStatus status = auth.login(url, device, line -> {
                err.println(line);
                err.flush();
            }, environment.interactive() ? link -> Browser.open(environment.variables(), link) : ignored -> { });
            PrintWriter out = spec.commandLine().getOut();
            out.println("✓ logged in to " + status.backendUrl() + " as " + orDash(status.user()) + " for "
                    + status.org() + "/" + status.project() + " (session stored in " + status.credentials() + ")");
            out.flush();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the stored session: backend, who, project and expiry (never the token).")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print the status as JSON")
        boolean json;

        private final CliEnvironment environment;

        Status(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() throws IOException {
            LoginStatus s = new OrunAuth(environment.variables(), Clock.systemUTC()).status();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode node = JSON.createObjectNode().put("loggedIn", s.loggedIn())
                        .put("credentials", s.credentials().toString());
                if (s.loggedIn()) {
                    node.put("backendUrl", s.backendUrl()).put("user", s.user()).put("org", s.org())
                            .put("project", s.project())
                            .put("accessTokenExpiry", String.valueOf(s.accessTokenExpiry()))
                            .put("refreshTokenExpiry", String.valueOf(s.refreshTokenExpiry()))
                            .put("backendCheck", s.checked());
                }
                out.println(JSON.writeValueAsString(node));
            } else if (!s.loggedIn()) {
                out.println("not logged in (no session in " + s.credentials() + "); run: orun auth login --backend-url URL");
            } else {
                out.println("backend:  " + s.backendUrl());
                out.println("user:     " + orDash(s.user()));
                out.println("project:  " + s.org() + "/" + s.project());
                out.println("expires:  " + s.accessTokenExpiry() + " (refreshed automatically until "
                        + s.refreshTokenExpiry() + ")");
                out.println("backend says: " + s.checked());
            }
            out.flush();
            return s.loggedIn() && "accepted".equals(s.checked()) ? 0 : 1;
        }
    }

    @Command(name = "logout", mixinStandardHelpOptions = true,
            description = "Revoke the stored session at its backend and delete the local credentials.")
    static final class Logout implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        private final CliEnvironment environment;

        Logout(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            Optional<String> ended = new OrunAuth(environment.variables(), Clock.systemUTC()).logout();
            PrintWriter out = spec.commandLine().getOut();
            if (ended.isEmpty()) {
                out.println("not logged in; nothing to do");
            } else if (ended.get().equals("unreadable")) {
                out.println("✓ deleted an unreadable credentials file (the session was not revoked at the backend)");
            } else {
                out.println("✓ logged out of " + ended.get() + " (session revoked, local credentials deleted)");
            }
            out.flush();
            return 0;
        }
    }

    static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
