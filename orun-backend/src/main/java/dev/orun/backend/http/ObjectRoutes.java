package dev.orun.backend.http;

import dev.orun.backend.config.Limits;
import dev.orun.backend.service.ApiException;
import dev.orun.backend.service.Ids;
import dev.orun.backend.service.ObjectService;
import dev.orun.remote.protocol.ContractVersion;
import dev.orun.remote.protocol.ObjectsMissingRequest;
import dev.orun.remote.protocol.ObjectsMissingResponse;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** The object plane: content-addressed blobs per project, single PUT or multipart upload. */
final class ObjectRoutes {
  private static final String BASE = StateRoutes.BASE + "/objects";

  private final Access access;
  private final ObjectService objects;
  private final Limits limits;

  ObjectRoutes(Access access, ObjectService objects, Limits limits) {
    this.access = access;
    this.objects = objects;
    this.limits = limits;
  }

  void register(RoutesConfig r) {
    r.post(BASE + "/missing", this::missing);
    r.put(BASE + "/{digest}", this::put);
    r.get(BASE + "/{digest}", this::get);
    r.post(BASE + "/{digest}/uploads", this::startUpload);
    r.put(BASE + "/{digest}/uploads/{uploadId}/parts/{n}", this::putPart);
    r.post(BASE + "/{digest}/uploads/{uploadId}/complete", this::complete);
  }

  private void missing(Context ctx) {
    Access.Granted g = access.state(ctx);
    ObjectsMissingRequest req = Http.json(ctx, limits.maxJsonBodyBytes(), ObjectsMissingRequest.class);
    Http.wrapped(ctx, 200, new ObjectsMissingResponse(objects.missing(g.scope(), req.digests())));
  }

  private void put(Context ctx) {
    Access.Granted g = access.state(ctx);
    String digest = Ids.digestFromPath(ctx.pathParam("digest"));
    byte[] content = Http.body(ctx, limits.maxObjectBytes(), "object");
    boolean created = objects.put(g.scope(), digest, ctx.header(ContractVersion.OBJECT_KIND_HEADER), content);
    Http.wrapped(ctx, created ? 201 : 200, Map.of("digest", digest, "size", content.length));
  }

  private void get(Context ctx) {
    Access.Granted g = access.state(ctx);
    byte[] content = objects.get(g.scope(), Ids.digestFromPath(ctx.pathParam("digest")));
    ctx.status(200).contentType("application/octet-stream").result(content);
  }

  private void startUpload(Context ctx) {
    Access.Granted g = access.state(ctx);
    Http.wrapped(ctx, 201, objects.startUpload(g.scope(), Ids.digestFromPath(ctx.pathParam("digest"))));
  }

  private void putPart(Context ctx) {
    Access.Granted g = access.state(ctx);
    String digest = Ids.digestFromPath(ctx.pathParam("digest"));
    int n;
    try {
      n = Integer.parseInt(ctx.pathParam("n"));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("part number must be an integer");
    }
    byte[] content = Http.body(ctx, limits.partSizeBytes(), "part");
    objects.putPart(g.scope(), digest, ctx.pathParam("uploadId"), n, content);
    Http.wrapped(ctx, 200, Map.of("part", n, "size", content.length));
  }

  private void complete(Context ctx) {
    Access.Granted g = access.state(ctx);
    String digest = Ids.digestFromPath(ctx.pathParam("digest"));
    boolean created = objects.completeUpload(g.scope(), digest, ctx.pathParam("uploadId"),
        ctx.header(ContractVersion.OBJECT_KIND_HEADER));
    Http.wrapped(ctx, created ? 201 : 200, Map.of("digest", digest));
  }
}
