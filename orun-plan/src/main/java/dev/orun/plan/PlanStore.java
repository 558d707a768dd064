package dev.orun.plan;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Saved plans under {@code .orun/plans/}: {@code <first 12 hex of checksum>.json} and
 * {@code latest.json} on every save, plus {@code <name>.json} for a named plan — all the same
 * bytes, each written atomically (temp file, then rename).
 */
public final class PlanStore {

    public static final String LATEST = "latest";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern PLAN_ID_FILE = Pattern.compile("[0-9a-f]{12}\\.json");
    private static final Pattern HEX_PREFIX = Pattern.compile("[0-9a-fA-F]{4,64}");

    private final Workspace workspace;

    public PlanStore(Workspace workspace) {
        this.workspace = workspace;
    }

    public Path plansDir() {
        return workspace.orunDir().resolve("plans");
    }

    /** Saves the plan; returns the named file when a name is given, else the checksum file. */
    public SavedPlan save(Plan plan, String nameOrNull) {
        if (nameOrNull != null) {
            checkName(nameOrNull);
        }
        byte[] bytes = PlanJson.toBytes(plan);
        Path byId = plansDir().resolve(plan.planId() + ".json");
        write(byId, bytes);
        Path named = nameOrNull == null ? null : plansDir().resolve(nameOrNull + ".json");
        if (named != null) {
            linkOrWrite(named, byId, bytes);
        }
        linkOrWrite(plansDir().resolve(LATEST + ".json"), byId, bytes);
        return new SavedPlan(named != null ? named : byId, plan);
    }

    /** Rejects names that could not be a file name or would shadow {@code latest} or a plan id. */
    public static void checkName(String name) {
        if (!NAME.matcher(name).matches() || name.equals(LATEST) || PLAN_ID_FILE.matcher(name + ".json").matches()) {
            throw new InvalidInputException("invalid plan name \"" + name + "\": use letters, digits, '.', '_' and '-' "
                    + "(not \"latest\" and not 12 hex digits)");
        }
    }

    /**
     * Finds a saved plan by {@code latest}, name, checksum prefix (at least 4 hex digits) or file
     * path. An ambiguous prefix is an error listing the candidates; no match is empty.
     */
    public Optional<SavedPlan> find(String ref) {
        if (ref == null || ref.isBlank() || ref.equals(LATEST)) {
            return read(plansDir().resolve(LATEST + ".json"));
        }
        if (NAME.matcher(ref).matches()) {
            Optional<SavedPlan> named = read(plansDir().resolve(ref + ".json"));
            if (named.isPresent()) {
                return named;
            }
        }
        if (HEX_PREFIX.matcher(ref).matches()) {
            Optional<SavedPlan> byPrefix = findByPrefix(ref.toLowerCase(java.util.Locale.ROOT));
            if (byPrefix.isPresent()) {
                return byPrefix;
            }
        }
        Path file = Path.of(ref);
        return Files.isRegularFile(file) ? Optional.of(new SavedPlan(file, PlanJson.read(file))) : Optional.empty();
    }

    /** Like {@link #find} but an unknown reference is an error listing the saved plans. */
    public SavedPlan resolve(String ref) {
        return find(ref).orElseThrow(() -> {
            List<String> names = savedNames();
            return new InvalidInputException("no saved plan matches \"" + ref + "\" ("
                    + (names.isEmpty() ? "no plans saved in " + workspace.display(plansDir()) : "saved: " + String.join(", ", names))
                    + ")");
        });
    }

    /** Every saved plan file except {@code latest.json}, sorted by file name. */
    public List<SavedPlan> list() {
        List<SavedPlan> plans = new ArrayList<>();
        for (Path file : planFiles()) {
            if (!file.getFileName().toString().equals(LATEST + ".json")) {
                plans.add(new SavedPlan(file, PlanJson.read(file)));
            }
        }
        return plans;
    }

    private Optional<SavedPlan> findByPrefix(String prefix) {
        String filePrefix = prefix.length() > 12 ? prefix.substring(0, 12) : prefix;
        Map<String, SavedPlan> byChecksum = new LinkedHashMap<>();
        for (Path file : planFiles()) {
            String fileName = file.getFileName().toString();
            if (PLAN_ID_FILE.matcher(fileName).matches() && fileName.startsWith(filePrefix)) {
                Plan plan = PlanJson.read(file);
                if (plan.checksumHex().startsWith(prefix)) {
                    byChecksum.putIfAbsent(plan.checksumHex(), new SavedPlan(file, plan));
                }
            }
        }
        if (byChecksum.size() > 1) {
            throw new InvalidInputException("plan reference \"" + prefix + "\" is ambiguous; it matches "
                    + String.join(", ", byChecksum.values().stream().map(p -> p.plan().planId()).toList())
                    + " (use more digits)");
        }
        return byChecksum.values().stream().findFirst();
    }

    private List<String> savedNames() {
        return planFiles().stream().map(f -> f.getFileName().toString())
                .map(n -> n.substring(0, n.length() - ".json".length())).toList();
    }

    private List<Path> planFiles() {
        if (!Files.isDirectory(plansDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(plansDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<SavedPlan> read(Path file) {
        return Files.isRegularFile(file) ? Optional.of(new SavedPlan(file, PlanJson.read(file))) : Optional.empty();
    }

    /**
     * Points {@code target} at the same bytes as {@code source}: a hard link renamed into place
     * (large plans are written once), or a plain atomic write where links are not supported.
     * Saved plans are never modified in place, so sharing the inode is safe.
     */
    private static void linkOrWrite(Path target, Path source, byte[] bytes) {
        try {
            Path temp = target.resolveSibling(".tmp-" + target.getFileName() + "-" + ProcessHandle.current().pid());
            Files.deleteIfExists(temp);
            try {
                Files.createLink(temp, source);
                moveIntoPlace(temp, target);
                return;
            } catch (UnsupportedOperationException | IOException e) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        write(target, bytes);
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void write(Path target, byte[] bytes) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".tmp-", ".json");
            try {
                Files.write(temp, bytes);
                moveIntoPlace(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
