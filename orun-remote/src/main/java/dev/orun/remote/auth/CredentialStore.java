package dev.orun.remote.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.orun.core.InvalidInputException;
import dev.orun.core.OrunException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * {@code credentials.json}: written whole to a 0600 temp file in the same directory, then renamed
 * over the old one, so a reader sees the old session or the new one, never half of either; never
 * read when group or others have any permission on it. {@link #underRefreshLock} serialises
 * refreshes across threads and processes (a refresh token is single-use).
 */
public final class CredentialStore {
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final OrunHome home;

    public CredentialStore(OrunHome home) {
        this.home = home;
    }

    public Path file() {
        return home.credentials();
    }

    /** The stored session, empty when there is none; a one-line exit-2 error when others may read it. */
    public Optional<StoredSession> read() {
        Path file = file();
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new InvalidInputException(file + ": credentials file is accessible to group or others ("
                        + PosixFilePermissions.toString(perms) + "); run chmod 600 on it or `orun auth login` again");
            }
            return Optional.of(JSON.readValue(Files.readAllBytes(file), StoredSession.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidInputException(file + ": not a credentials file (unreadable JSON); run `orun auth login` again");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read the credentials file (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Replaces the stored session atomically (temp file 0600, fsync, rename). */
    public void write(StoredSession session) {
        Path dir = home.ensure();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".credentials-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(session)));
                ch.force(true);
            }
            try {
                Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new OrunException(OrunException.EXIT_FAILURE, file() + ": cannot write the credentials file ("
                    + e.getClass().getSimpleName() + ")");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray temp file holds a token, but is 0600 like the real one
                }
            }
        }
    }

    /** Deletes the stored session; true when there was one. */
    public boolean delete() {
        try {
            return Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new OrunException(OrunException.EXIT_FAILURE, file() + ": cannot delete the credentials file ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Runs {@code action} holding the refresh lock: one thread of this process and one process on
     * this machine at a time. The action re-reads the file, so it sees what a sibling refreshed.
     */
    public <T> T underRefreshLock(Supplier<T> action) {
        IN_PROCESS.lock();
        try {
            Path lockFile = home.ensure().resolve("refresh.lock");
            try (FileChannel ch = FileChannel.open(lockFile, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                 FileLock ignored = ch.lock()) {
                return action.get();
            } catch (IOException e) {
                throw new OrunException(OrunException.EXIT_FAILURE, lockFile + ": cannot lock ("
                        + e.getClass().getSimpleName() + ")");
            }
        } finally {
            IN_PROCESS.unlock();
        }
    }
}
