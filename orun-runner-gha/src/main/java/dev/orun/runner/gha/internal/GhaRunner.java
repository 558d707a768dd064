package dev.orun.runner.gha.internal;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.runner.gha.ActionCache;
import dev.orun.runner.gha.ActionFetcher;
import dev.orun.runner.gha.expr.Expressions;
import dev.orun.runner.gha.expr.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code github-actions} runner: steps run as on a GitHub-hosted runner (see
 * {@link GhaJobSession}). Shared by all jobs of a run: the host environment, the action cache,
 * and the {@code github} context, derived once.
 */
public final class GhaRunner implements Runner {

    private final Map<String, String> host;
    private final Path workspaceRoot;
    private final ActionLocator locator;
    private final ActionCache cache;
    private volatile GithubContext github;
    private volatile Object event;
    /** Shell templates by shell and PATH: looking bash up on PATH once per run, not per step. */
    private final java.util.concurrent.ConcurrentMap<String, ShellCommand> shells =
            new java.util.concurrent.ConcurrentHashMap<>();

    public GhaRunner(RunnerSettings settings) {
        this.host = Map.copyOf(settings.hostEnvironment());
        this.workspaceRoot = settings.workspaceRoot();
        this.cache = ActionCache.fromEnvironment(host);
        this.locator = new ActionLocator(cache, new ActionFetcher(cache, host));
    }

    @Override
    public String name() {
        return "github-actions";
    }

    @Override
    public String context() {
        return "ci";
    }

    @Override
    public boolean runsActions() {
        return true;
    }

    @Override
    public boolean evaluatesConditions() {
        return true;
    }

    @Override
    public void checkAvailable() {
        if (!ShellCommand.onPath("sh", host)) {
            throw new InvalidInputException("github-actions runner: no sh found on PATH ("
                    + host.getOrDefault("PATH", "") + ")");
        }
    }

    /**
     * Finds every action the jobs use (nested ones of composite actions too) and checks its
     * kind, so a missing or unsupported action fails before any job starts. References that
     * contain expressions are checked when their step runs.
     */
    @Override
    public void checkJobs(List<Job> jobs, Path workspace) {
        Set<String> checked = new HashSet<>();
        for (Job job : jobs) {
            for (Step step : job.steps()) {
                if (!step.isAction()) {
                    continue;
                }
                try {
                    check(step.use(), workspace, checked, 0);
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("job " + job.id() + ", step "
                            + (step.id() != null ? step.id() : step.name()) + ": " + e.getMessage());
                }
            }
        }
    }

    private void check(String use, Path workspace, Set<String> checked, int depth) {
        if (Expressions.hasExpression(use) || use.startsWith("docker://") || depth > 10
                || !checked.add(use)) {
            return;
        }
        ActionManifest manifest = ActionManifest.load(locator.locate(use, workspace).directory());
        for (Map<String, Object> child : manifest.steps()) {
            String uses = ActionManifest.string(child.get("uses"));
            if (uses != null) {
                check(uses, workspace, checked, depth + 1);
            }
        }
    }

    @Override
    public List<String> describe(JobContext job) {
        return List.of("runner: github-actions (run: steps with GitHub's shells, use: actions from "
                + "the workspace or " + cache.root() + ", in a private sandbox)");
    }

    @Override
    public JobSession startJob(JobContext job) {
        return new GhaJobSession(this, job);
    }

    Map<String, String> hostEnvironment() {
        return host;
    }

    ShellCommand shell(String shell, Map<String, String> env) {
        String key = (shell == null ? "" : shell.strip()) + '\0' + env.getOrDefault("PATH", "");
        return shells.computeIfAbsent(key, k -> ShellCommand.of(shell, env).resolved(env));
    }

    ActionLocator locator() {
        return locator;
    }

    /** Orun inside GitHub Actions: fence nested workflow commands. */
    boolean nested() {
        return "true".equalsIgnoreCase(host.getOrDefault("GITHUB_ACTIONS", ""));
    }

    GithubContext github() {
        GithubContext current = github;
        if (current == null) {
            synchronized (this) {
                if (github == null) {
                    github = GithubContext.derive(host, workspaceRoot);
                }
                current = github;
            }
        }
        return current;
    }

    /** The event payload: {@code GITHUB_EVENT_PATH} when readable, else a minimal dispatch event. */
    Object event() {
        Object current = event;
        if (current == null) {
            Object loaded = null;
            String path = host.get("GITHUB_EVENT_PATH");
            if (path != null) {
                try {
                    loaded = Json.read(Files.readString(Path.of(path)));
                } catch (IOException | RuntimeException e) {
                    loaded = null;
                }
            }
            if (loaded == null) {
                Map<String, Object> minimal = new LinkedHashMap<>();
                minimal.put("ref", github().variables().get("GITHUB_REF"));
                minimal.put("repository", Map.of("full_name", github().variables().get("GITHUB_REPOSITORY")));
                loaded = minimal;
            }
            event = loaded;
            current = loaded;
        }
        return current;
    }

    /** The {@code secrets} context: the host's {@code GITHUB_TOKEN}, when it has one. */
    Map<String, String> secrets() {
        String token = host.get("GITHUB_TOKEN");
        return token == null || token.isBlank() ? Map.of() : Map.of("GITHUB_TOKEN", token);
    }

    String runnerOs() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("mac") ? "macOS" : os.contains("win") ? "Windows" : "Linux";
    }

    String runnerArch() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.contains("aarch64") || arch.contains("arm64") ? "ARM64"
                : arch.contains("arm") ? "ARM" : "X64";
    }
}
