package io.techex.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contracts folder ({@code contracts/<domain>/<Name>.v<N>.schema.json} and {@code .sample.json} on the
 * classpath of this module), looked up by CloudEvent type.
 */
public final class EventContracts {

    private static final Pattern TYPE = Pattern.compile("io\\.techex\\.([a-z]+)\\.([A-Za-z0-9]+)\\.v([0-9]+)");
    /** Schemas refer to each other by their $id; they are read from the classpath, never fetched. */
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory
            .builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
            .schemaMappers(mappers -> mappers.mapPrefix("https://techex.io/contracts/", "classpath:contracts/"))
            .build();
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final ConcurrentMap<String, Optional<EventContract>> CACHE = new ConcurrentHashMap<>();

    private EventContracts() {
    }

    /** The CloudEvent type of a public event class, from its {@link EventType}. */
    public static String typeOf(Class<?> eventClass) {
        EventType annotation = eventClass.getAnnotation(EventType.class);
        if (annotation == null) {
            throw new IllegalArgumentException(eventClass.getName() + " is a public event without @EventType");
        }
        return annotation.name() + ".v" + annotation.version();
    }

    /** The contract of a CloudEvent type, if the contracts folder has both its schema and its sample. */
    public static Optional<EventContract> find(String type) {
        return CACHE.computeIfAbsent(type, EventContracts::load);
    }

    private static Optional<EventContract> load(String type) {
        Matcher matcher = TYPE.matcher(type);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String base = "contracts/" + matcher.group(1) + "/" + matcher.group(2) + ".v" + matcher.group(3);
        String schemaPath = base + ".schema.json";
        String samplePath = base + ".sample.json";
        JsonNode schemaNode = read(schemaPath);
        JsonNode sample = read(samplePath);
        if (schemaNode == null || sample == null) {
            return Optional.empty();
        }
        JsonSchema schema = SCHEMAS.getSchema(java.net.URI.create("https://techex.io/" + schemaPath), schemaNode, CONFIG);
        return Optional.of(new EventContract(type, schemaPath, samplePath, schema, sample));
    }

    private static JsonNode read(String path) {
        try (InputStream in = EventContracts.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable contract file " + path, e);
        }
    }
}
