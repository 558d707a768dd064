package dev.orun.runner.gha.internal;

import dev.orun.core.InvalidInputException;
import dev.orun.runner.gha.expr.EvaluationContext;
import dev.orun.runner.gha.expr.Expressions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Runs {@code docker://image} steps and {@code runs.using: docker} actions through the
 * {@code docker} command: the workspace at {@code /github/workspace}, the file-command files at
 * {@code /github/file_commands}, the action at {@code /github/action}. Only the step's own
 * variables (GitHub, inputs, step env) enter the container, through a private env file, never
 * on the command line and never the host's {@code PATH} or {@code HOME}. The container is named,
 * so a timeout or cancellation removes it too. See {@code docs/decisions/gha-docker-actions.md}.
 */
final class DockerAction {

    private static final String WORKSPACE = "/github/workspace";
    private static final String FILES = "/github/file_commands";

    private DockerAction() {
    }

    static StepProcess.Outcome runAction(GhaJobSession session, ActionManifest manifest,
                                         Map<String, String> inputs, Map<String, String> env,
                                         Map<String, String> extra, Path cwd, Instant deadline,
                                         OutputStream out, StepFiles.Reports reports)
            throws InterruptedException {
        Scope scope = new Scope(new java.util.LinkedHashMap<String, Object>(inputs),
                manifest.directory(), 1);
        EvaluationContext context = session.context(scope, env);
        String image = manifest.run("image");
        String tag;
        if (image.startsWith("docker://")) {
            tag = image.substring("docker://".length());
        } else {
            tag = build(session, manifest.directory(), image, out);
        }
        List<String> args = new ArrayList<>();
        Object declared = manifest.runs().get("args");
        if (declared instanceof List<?> list) {
            list.forEach(a -> args.add(Expressions.interpolate(String.valueOf(a), context)));
        }
        Map<String, String> containerEnv = new TreeMap<>(extra);
        ActionManifest.mapOf(manifest.runs().get("env"), manifest.file(), "runs.env").forEach((k, v) ->
                containerEnv.put(k, Expressions.interpolate(ActionManifest.scalar(v), context)));
        containerEnv.put("GITHUB_ACTION_PATH", "/github/action");
        return run(session, tag, manifest.run("entrypoint"), args, containerEnv, env,
                manifest.directory(), cwd, deadline, out, reports);
    }

    static StepProcess.Outcome runImage(GhaJobSession session, String image, Map<String, String> with,
                                        Map<String, String> extra, Map<String, String> env, Path cwd,
                                        Instant deadline, OutputStream out, StepFiles.Reports reports)
            throws InterruptedException {
        List<String> args = new ArrayList<>();
        String given = with.get("args");
        if (given != null && !given.isBlank()) {
            args.addAll(List.of(given.strip().split("\\s+")));
        }
        Map<String, String> containerEnv = new TreeMap<>(extra);
        with.forEach((k, v) -> containerEnv.put(ActionInvoker.inputVariable(k), v));
        return run(session, image, with.get("entrypoint"), args, containerEnv, env, null, cwd,
                deadline, out, reports);
    }

    private static StepProcess.Outcome run(GhaJobSession session, String image, String entrypoint,
                                           List<String> args, Map<String, String> containerEnv,
                                           Map<String, String> stepEnv, Path actionDir, Path cwd,
                                           Instant deadline, OutputStream out,
                                           StepFiles.Reports reports) throws InterruptedException {
        Path workspace = session.job.workspace();
        if (!cwd.startsWith(workspace)) {
            throw new InvalidInputException("working directory " + cwd + " is outside the "
                    + "workspace " + workspace + ", which is all a docker action sees");
        }
        StepFiles files;
        Path envFile;
        Map<String, String> all = new TreeMap<>(stepEnv);
        all.putAll(session.runner.github().variables());
        all.put("GITHUB_WORKSPACE", WORKSPACE);
        all.put("GITHUB_ACTIONS", "true");
        all.put("CI", "true");
        all.put("HOME", "/github/home");
        all.putAll(containerEnv);
        try {
            files = session.sandbox.newStepFiles();
            Path dir = files.env().getParent();
            all.put("GITHUB_ENV", FILES + "/env");
            all.put("GITHUB_OUTPUT", FILES + "/output");
            all.put("GITHUB_PATH", FILES + "/path");
            all.put("GITHUB_STATE", FILES + "/state");
            all.put("GITHUB_STEP_SUMMARY", FILES + "/summary");
            envFile = Files.createFile(dir.resolve("docker.env"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            StringBuilder text = new StringBuilder();
            all.forEach((k, v) -> {
                if (!v.contains("\n")) {
                    text.append(k).append('=').append(v).append('\n');
                }
            });
            Files.writeString(envFile, text, StandardCharsets.UTF_8);
            for (Path f : new Path[] {files.env(), files.output(), files.path(), files.state(), files.summary()}) {
                f.toFile().setWritable(true, false);
            }
            dir.toFile().setExecutable(true, false);
        } catch (IOException e) {
            return new StepProcess.Outcome(-1, false, "cannot prepare the container: " + e.getMessage());
        }
        String name = "orun-gha-" + UUID.randomUUID();
        List<String> command = new ArrayList<>(List.of("docker", "run", "--rm", "--name", name,
                "--label", "dev.orun.gha=true", "--env-file", envFile.toString(),
                "-v", workspace + ":" + WORKSPACE, "-v", files.env().getParent() + ":" + FILES,
                "-w", WORKSPACE + "/" + workspace.relativize(cwd)));
        if (actionDir != null) {
            command.addAll(List.of("-v", actionDir + ":/github/action:ro"));
        }
        if (entrypoint != null && !entrypoint.isBlank()) {
            command.addAll(List.of("--entrypoint", entrypoint));
        }
        command.add(image);
        command.addAll(args);
        Duration timeout = deadline == null ? null : Duration.between(Instant.now(), deadline);
        StepCommands commands = new StepCommands(out, session.masker);
        Map<String, String> cliEnv = new TreeMap<>(session.runner.hostEnvironment());
        StepProcess.Outcome outcome;
        try {
            outcome = StepProcess.run(command, cwd, cliEnv, timeout, commands);
        } finally {
            if (Thread.currentThread().isInterrupted()) {
                removeQuietly(name, cliEnv);
            }
        }
        if (outcome.timedOut()) {
            removeQuietly(name, cliEnv);
        }
        reports.absorb(commands);
        try {
            files.collect(reports);
        } catch (IOException e) {
            return new StepProcess.Outcome(-1, false, e.getMessage());
        }
        return outcome;
    }

    /** Builds the action's Dockerfile once per content; the tag is derived from the directory. */
    private static String build(GhaJobSession session, Path actionDir, String dockerfile,
                                OutputStream out) throws InterruptedException {
        Path file = actionDir.resolve(dockerfile).normalize();
        if (!file.startsWith(actionDir) || !Files.isRegularFile(file)) {
            throw new InvalidInputException("docker action " + actionDir + ": runs.image "
                    + dockerfile + " is neither docker://IMAGE nor a Dockerfile in the action");
        }
        String tag = "orun-gha-action:" + Integer.toHexString(file.toString().hashCode());
        StepProcess.Outcome outcome = StepProcess.run(List.of("docker", "build", "-q", "-t", tag,
                        "-f", file.toString(), actionDir.toString()), actionDir,
                new TreeMap<>(session.runner.hostEnvironment()), Duration.ofMinutes(10), line -> { });
        if (outcome.exitCode() != 0) {
            throw new InvalidInputException("docker build of " + file + " failed (exit "
                    + outcome.exitCode() + ")");
        }
        return tag;
    }

    private static void removeQuietly(String name, Map<String, String> env) {
        boolean interrupted = Thread.interrupted();
        try {
            StepProcess.run(List.of("docker", "rm", "-f", name), Path.of("/"), env,
                    Duration.ofSeconds(30), line -> { });
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
