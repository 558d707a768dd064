package dev.orun.plan.internal.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.orun.core.InvalidInputException;
import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.model.Composition;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Checks each component's authored parameters against its composition's {@code parameterSchema}
 * (JSON Schema, draft-07 unless the schema says otherwise). The validated document is
 * {@code {name, type, parameters, inputs, domain, labels}} with {@code inputs} = {@code parameters}:
 * environment defaults are not part of it, as in the original tool.
 */
final class SchemaValidator {

    private static final ObjectMapper MAPPER = dev.orun.core.plan.PlanJson.mapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    private final Map<Composition, JsonSchema> schemas = new ConcurrentHashMap<>();

    void validate(List<ComponentDecl> components, Function<ComponentDecl, Composition> compositionOf) {
        Optional<InvalidInputException> first = components.parallelStream()
                .map(component -> check(component, compositionOf.apply(component)))
                .flatMap(Optional::stream)
                .min(Comparator.comparing(InvalidInputException::getMessage));
        if (first.isPresent()) {
            throw first.get();
        }
    }

    private Optional<InvalidInputException> check(ComponentDecl component, Composition composition) {
        if (composition.parameterSchema() == null) {
            return Optional.empty();
        }
        JsonSchema schema = schemas.computeIfAbsent(composition, SchemaValidator::compile);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", component.name());
        document.put("type", component.type());
        document.put("parameters", component.parameters());
        document.put("inputs", component.parameters());
        if (component.domain() != null) {
            document.put("domain", component.domain());
        }
        document.put("labels", component.labels());
        Set<ValidationMessage> messages = schema.validate(MAPPER.valueToTree(document));
        if (messages.isEmpty()) {
            return Optional.empty();
        }
        String details = messages.stream().map(ValidationMessage::getMessage).sorted().findFirst().orElse("");
        return Optional.of(InvalidInputException.at(component.file(), component.line(), "component \""
                + component.name() + "\" does not match the parameter schema of composition "
                + composition.type() + " (" + composition.schemaFile().toString().replace('\\', '/') + "): " + details
                + (messages.size() > 1 ? " (and " + (messages.size() - 1) + " more)" : "")));
    }

    private static JsonSchema compile(Composition composition) {
        rejectExternalRefs(composition.parameterSchema(), composition);
        SchemaValidatorsConfig config = new SchemaValidatorsConfig();
        config.setLocale(Locale.ENGLISH);
        try {
            JsonNode node = MAPPER.valueToTree(composition.parameterSchema());
            return FACTORY.getSchema(node, config);
        } catch (RuntimeException e) {
            throw InvalidInputException.at(composition.schemaFile(), "invalid parameterSchema of composition "
                    + composition.type() + ": " + e.getMessage());
        }
    }

    /** Deny by default: a {@code $ref} outside the schema itself would make compiling fetch a URL or file. */
    private static void rejectExternalRefs(Object node, Composition composition) {
        if (node instanceof Map<?, ?> map) {
            Object ref = map.get("$ref");
            if (ref instanceof String text && !text.startsWith("#")) {
                throw InvalidInputException.at(composition.schemaFile(), "parameterSchema of composition "
                        + composition.type() + " refers to \"" + text + "\"; only local references (#/...) are allowed");
            }
            map.values().forEach(value -> rejectExternalRefs(value, composition));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> rejectExternalRefs(value, composition));
        }
    }
}
