package dev.orun.remote.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files under {@code ~/.orun}: the session (private, replaced whole) and the repository links. */
class CredentialFilesTest {
    private static final String ACCESS = "orun_at_secret-access";
    private static final String REFRESH = "orun_rt_secret-refresh";

    @TempDir
    Path tmp;

    private StoredSession session(String url) {
        return new StoredSession(url, ACCESS, Instant.parse("2030-01-01T00:00:00Z"), REFRESH,
                Instant.parse("2030-02-01T00:00:00Z"), "dev", "acme", "web");
    }

    @Test
    void theSessionIsWrittenOwnerOnlyInAPrivateDirectoryAndReadBack() throws Exception {
        OrunHome home = OrunHome.from(Map.of("ORUN_HOME", tmp.resolve("h").toString()));
        CredentialStore store = new CredentialStore(home);

        store.write(session("http://b.example/"));
        store.write(session("http://b.example"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.dir()))).isEqualTo("rwx------");
        try (var files = Files.list(home.dir())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("credentials.json");
        }
        StoredSession read = store.read().orElseThrow();
        assertThat(read.backendUrl()).isEqualTo("http://b.example");
        assertThat(read.isFor("http://b.example/")).isTrue();
        assertThat(read.toString()).doesNotContain(ACCESS).doesNotContain(REFRESH);
    }

    @Test
    void aCredentialsFileOthersMayReadIsRefusedInOneLineWithoutTheToken() throws Exception {
        CredentialStore store = new CredentialStore(new OrunHome(tmp));
        store.write(session("http://b.example"));
        for (String perms : new String[] {"rw-r-----", "rw----r--", "rw-----w-"}) {
            Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString(perms));
            assertThatThrownBy(store::read).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(store.file().toString()).hasMessageContaining("group or others")
                    .hasMessageNotContaining(ACCESS).message().doesNotContain("\n");
        }
    }

    @Test
    void aCorruptCredentialsFileIsNamedAndNeverQuoted() throws Exception {
        CredentialStore store = new CredentialStore(new OrunHome(tmp));
        store.write(session("http://b.example"));
        Files.writeString(store.file(), "{\"accessToken\":\"" + ACCESS + "\", oops");
        assertThatThrownBy(store::read).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(store.file().toString()).hasMessageNotContaining(ACCESS);
    }

    @Test
    void aLinkIsFoundByRepositoryNameInAnyCaseOrByRemoteAndForeignKeysSurviveARewrite() throws Exception {
        OrunHome home = new OrunHome(tmp);
        Files.writeString(home.config(), "backendBootstrap:\n  managedBy: someone\ncloud:\n  catalog: {autopush: false}\n");
        OrunConfig config = new OrunConfig(home);
        GitRemote ssh = GitRemote.parse("git@github.com:Acme/Web.git");
        config.save(new RepoLink("http://b.example", ssh.url(), ssh.fullName(), "acme", "web", Instant.EPOCH), ssh);
        GitRemote other = GitRemote.parse("https://git.example/team/tool");
        config.save(new RepoLink("http://b.example", other.url(), other.fullName(), "acme", "tool", Instant.EPOCH), other);

        assertThat(config.link("http://b.example/", GitRemote.parse("https://github.com/acme/web")))
                .map(RepoLink::project).hasValue("web");
        assertThat(config.link("http://b.example", GitRemote.parse("https://git.example/team/tool")))
                .map(RepoLink::project).hasValue("tool");
        assertThat(config.link("http://elsewhere", ssh)).isEmpty();
        assertThat(config.backendUrl()).hasValue("http://b.example");
        String text = Files.readString(home.config());
        assertThat(text).contains("managedBy: someone").contains("autopush: false");

        config.save(new RepoLink("http://b.example", ssh.url(), ssh.fullName(), "acme", "web2", Instant.EPOCH), ssh);
        assertThat(config.link("http://b.example", ssh)).map(RepoLink::project).hasValue("web2");
        assertThat(Files.readString(home.config())).doesNotContain("projectId: web\n");
    }

    @Test
    void githubRemotesAreNamedOwnerSlashNameInEveryForm() {
        for (String url : new String[] {"git@github.com:acme/web.git", "ssh://git@github.com/acme/web",
                "https://github.com/acme/web.git", "https://x-access-token@github.com/acme/web/"}) {
            assertThat(GitRemote.parse(url).fullName()).as(url).isEqualTo("acme/web");
        }
        assertThat(GitRemote.parse("https://gitlab.com/acme/web.git").fullName()).isNull();
    }

    @Test
    void anInvalidConfigFileIsNamedWithItsLine() throws Exception {
        OrunHome home = new OrunHome(tmp);
        Files.writeString(home.config(), "cloud:\n  url: [unclosed\n");
        assertThatThrownBy(() -> new OrunConfig(home).backendUrl()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(home.config() + ":");
    }
}
