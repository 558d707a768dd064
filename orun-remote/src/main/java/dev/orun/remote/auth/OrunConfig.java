package dev.orun.remote.auth;

import dev.orun.core.InvalidInputException;
import dev.orun.core.OrunException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * {@code ~/.orun/config.yaml}: no secrets, only the preferred backend ({@code cloud.url}) and the
 * cached repository links ({@code repos:}). Keys this version does not know are kept when it
 * rewrites the file (written whole to a 0600 temp file, then renamed).
 */
public final class OrunConfig {
    private final OrunHome home;

    public OrunConfig(OrunHome home) {
        this.home = home;
    }

    public Path file() {
        return home.config();
    }

    /** {@code cloud.url}, else the deprecated {@code backend.url}. */
    public Optional<String> backendUrl() {
        Map<String, Object> doc = load();
        return Optional.ofNullable(string(section(doc, "cloud").get("url")))
                .or(() -> Optional.ofNullable(string(section(doc, "backend").get("url"))));
    }

    /** The cached link of {@code repo} on {@code backendUrl}. */
    public Optional<RepoLink> link(String backendUrl, GitRemote repo) {
        String url = BackendUrls.normalise(backendUrl);
        for (Object entry : repos(load())) {
            if (entry instanceof Map<?, ?> m && url.equals(BackendUrls.normalise(string(m.get("backendUrl"))))
                    && repo.sameAs(string(m.get("gitRemote")), string(m.get("repoFullName")))
                    && string(m.get("orgId")) != null && string(m.get("projectId")) != null) {
                String at = string(m.get("linkedAt"));
                return Optional.of(new RepoLink(url, string(m.get("gitRemote")), string(m.get("repoFullName")),
                        string(m.get("orgId")), string(m.get("projectId")), at == null ? null : Instant.parse(at)));
            }
        }
        return Optional.empty();
    }

    /** Caches {@code link} (replacing this repository's link on that backend) and remembers the backend as {@code cloud.url}. */
    public void save(RepoLink link, GitRemote repo) {
        Map<String, Object> doc = load();
        List<Object> kept = new ArrayList<>();
        for (Object entry : repos(doc)) {
            boolean same = entry instanceof Map<?, ?> m
                    && BackendUrls.normalise(link.backendUrl()).equals(BackendUrls.normalise(string(m.get("backendUrl"))))
                    && repo.sameAs(string(m.get("gitRemote")), string(m.get("repoFullName")));
            if (!same) {
                kept.add(entry);
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("backendUrl", link.backendUrl());
        row.put("gitRemote", link.gitRemote());
        if (link.repoFullName() != null) {
            row.put("repoFullName", link.repoFullName());
        }
        row.put("orgId", link.org());
        row.put("projectId", link.project());
        row.put("linkedAt", link.linkedAt().toString());
        kept.add(row);
        doc.put("repos", kept);
        Map<String, Object> cloud = new LinkedHashMap<>(section(doc, "cloud"));
        cloud.put("url", link.backendUrl());
        doc.put("cloud", cloud);
        write(doc);
    }

    private Map<String, Object> load() {
        String text;
        try {
            text = Files.readString(file(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new InvalidInputException(file() + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        try {
            Object doc = new Load(LoadSettings.builder().setMaxAliasesForCollections(10).build()).loadFromString(text);
            if (doc == null) {
                return new LinkedHashMap<>();
            }
            if (!(doc instanceof Map<?, ?> map)) {
                throw new InvalidInputException(file() + ":1: expected a mapping at the top");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (YamlEngineException e) {
            String where = e instanceof org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException marked
                    && marked.getProblemMark().isPresent() ? ":" + (marked.getProblemMark().get().getLine() + 1) : "";
            throw new InvalidInputException(file() + where + ": not valid YAML");
        }
    }

    private void write(Map<String, Object> doc) {
        Path dir = home.ensure();
        String text = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(doc);
        try {
            Path tmp = Files.createTempFile(dir, ".config-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new OrunException(OrunException.EXIT_FAILURE, file() + ": cannot write (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static List<?> repos(Map<String, Object> doc) {
        return doc.get("repos") instanceof List<?> list ? list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> doc, String key) {
        return doc.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }
}
