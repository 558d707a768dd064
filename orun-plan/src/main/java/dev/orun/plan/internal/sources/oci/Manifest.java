package dev.orun.plan.internal.sources.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An image or artifact manifest and the layer that holds the composition package. The layer is
 * chosen by media type as the Go planner does (the orun stack layer, then the older package
 * layer, then the first layer); a first layer that is not a gzip'd tar is refused rather than
 * unpacked blindly.
 */
record Manifest(String digest, String mediaType, byte[] body, List<Layer> layers) {

    static final String OCI_IMAGE = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_ARTIFACT = "application/vnd.oci.artifact.manifest.v1+json";
    static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    static final Set<String> ACCEPTED = Set.of(OCI_IMAGE, OCI_ARTIFACT, DOCKER_V2);

    static final String STACK_LAYER = "application/vnd.orun.stack.compositions.layer.v1+tar+gzip";
    static final String PACKAGE_LAYER = "application/vnd.sourceplane.orun.composition.package.layer.v1.tar+gzip";

    record Layer(String mediaType, String digest, long size) {
    }

    /** Parses a manifest body; {@code headerType} is the response's Content-Type (may be null). */
    static Manifest parse(String digest, String headerType, byte[] body) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new OciException("manifest " + digest + " is not valid JSON");
        }
        String type = root.path("mediaType").asText("");
        if (type.isEmpty() && headerType != null) {
            type = headerType.split(";")[0].strip();
        }
        if (type.isEmpty() && root.path("schemaVersion").asInt() == 2 && root.has("layers")) {
            type = OCI_IMAGE;
        }
        if (!ACCEPTED.contains(type)) {
            throw new OciException("unknown manifest media type \"" + type + "\" (expected an OCI image or "
                    + "artifact manifest, or a Docker v2 manifest)");
        }
        List<Layer> layers = new ArrayList<>();
        for (JsonNode node : root.path(type.equals(OCI_ARTIFACT) ? "blobs" : "layers")) {
            String layerDigest = node.path("digest").asText("");
            if (!OciReference.DIGEST.matcher(layerDigest).matches()) {
                throw new OciException("manifest " + digest + " lists a layer with unsupported digest \"" + layerDigest + "\"");
            }
            layers.add(new Layer(node.path("mediaType").asText(""), layerDigest, node.path("size").asLong(-1)));
        }
        return new Manifest(digest, type, body, List.copyOf(layers));
    }

    /** The layer holding the composition package. */
    Layer packageLayer() {
        for (String preferred : List.of(STACK_LAYER, PACKAGE_LAYER)) {
            for (Layer layer : layers) {
                if (layer.mediaType().equals(preferred)) {
                    return layer;
                }
            }
        }
        if (layers.isEmpty()) {
            throw new OciException("manifest " + digest + " has no layers");
        }
        Layer first = layers.get(0);
        String type = first.mediaType();
        if (!(type.endsWith("tar+gzip") || type.endsWith("tar.gzip") || type.endsWith(".tar.gz"))) {
            throw new OciException("unknown layer media type \"" + type + "\" in manifest " + digest
                    + " (expected " + STACK_LAYER + ")");
        }
        return first;
    }
}
