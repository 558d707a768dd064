package dev.orun.backend.service;

import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.ObjectStore;
import dev.orun.backend.store.Scope;
import dev.orun.backend.store.StoreException;
import dev.orun.remote.protocol.ErrorCodes;
import dev.orun.remote.protocol.UploadStarted;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Content-addressed objects: the server re-hashes every upload and refuses a mismatch. */
public final class ObjectService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final ObjectStore store = new ObjectStore();
  private final BackendConfig config;

  public ObjectService(Database db, BackendConfig config) {
    this.db = db;
    this.config = config;
  }

  public List<String> missing(Scope scope, List<String> digests) {
    if (digests == null) {
      throw ApiException.invalid("digests", "required");
    }
    if (digests.size() > 1000) {
      throw ApiException.invalid("digests", "at most 1000 per request");
    }
    for (int i = 0; i < digests.size(); i++) {
      if (!Ids.isDigest(digests.get(i))) {
        throw ApiException.invalid("digests[" + i + "]", "must be sha256:<64 lowercase hex>");
      }
    }
    return db.read(c -> {
      List<String> out = new ArrayList<>();
      for (String d : digests) {
        if (!store.exists(c, scope, d)) {
          out.add(d);
        }
      }
      return out;
    });
  }

  /** Stores the bytes under their digest; returns true when new (201), false when present (200). */
  public boolean put(Scope scope, String digest, String kind, byte[] content) {
    if (content.length > config.limits().maxObjectBytes()) {
      throw ApiException.tooLarge("object", config.limits().maxObjectBytes());
    }
    return store(scope, digest, kind, content);
  }

  public byte[] get(Scope scope, String digest) {
    byte[] content = db.read(c -> store.content(c, scope, digest));
    if (content == null) {
      throw ApiException.notFound("object " + digest);
    }
    return content;
  }

  public UploadStarted startUpload(Scope scope, String digest) {
    String id = "up_" + HexFormat.of().formatHex(randomBytes(12));
    long partSize = config.limits().partSizeBytes();
    db.read(c -> {
      store.insertUpload(c, id, scope, digest, partSize, config.clock().millis());
      return null;
    });
    return new UploadStarted(id, partSize);
  }

  public void putPart(Scope scope, String digest, String uploadId, int partNo, byte[] content) {
    if (partNo < 1 || partNo > 10_000) {
      throw ApiException.badRequest("part number must be 1..10000");
    }
    if (content.length > config.limits().partSizeBytes()) {
      throw ApiException.tooLarge("part", config.limits().partSizeBytes());
    }
    db.inTransaction(c -> {
      requireUpload(c, uploadId, scope, digest);
      store.putPart(c, uploadId, partNo, content);
      return null;
    });
  }

  public boolean completeUpload(Scope scope, String digest, String uploadId, String kind) {
    byte[] assembled = db.read(c -> {
      requireUpload(c, uploadId, scope, digest);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] part : store.parts(c, uploadId)) {
        if (out.size() + (long) part.length > config.limits().maxAssembledObjectBytes()) {
          throw ApiException.tooLarge("object", config.limits().maxAssembledObjectBytes());
        }
        out.writeBytes(part);
      }
      return out.toByteArray();
    });
    boolean created = store(scope, digest, kind, assembled);
    db.inTransaction(c -> {
      store.deleteUpload(c, uploadId);
      return null;
    });
    return created;
  }

  private boolean store(Scope scope, String digest, String kind, byte[] content) {
    String actual = digestOf(content);
    if (!actual.equals(digest)) {
      throw new ApiException(400, ErrorCodes.DIGEST_MISMATCH, "content hashes to " + actual + ", not " + digest,
          Map.of("expected", digest, "actual", actual));
    }
    if (kind != null && kind.length() > 64) {
      throw ApiException.badRequest("object kind longer than 64 characters");
    }
    try {
      return db.inTransaction(c -> {
        if (store.exists(c, scope, digest)) {
          return false;
        }
        store.insert(c, scope, digest, kind, content, config.clock().millis());
        return true;
      });
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && StoreException.isDuplicateKey(sql)) {
        return false; // stored concurrently by someone else: same bytes, same digest
      }
      throw e;
    }
  }

  private void requireUpload(java.sql.Connection c, String uploadId, Scope scope, String digest) throws SQLException {
    if (uploadId == null || !uploadId.matches("up_[0-9a-f]{24}") || !store.uploadExists(c, uploadId, scope, digest)) {
      throw ApiException.notFound("upload " + uploadId);
    }
  }

  public static String digestOf(byte[] content) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
