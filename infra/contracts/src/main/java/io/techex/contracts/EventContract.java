package io.techex.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;

import java.util.List;

/**
 * One versioned event contract: its CloudEvent type, JSON Schema and sample payload.
 *
 * @param type       CloudEvent type, e.g. {@code io.techex.listing.ListingDrafted.v1}
 * @param schemaPath classpath location of the schema
 * @param samplePath classpath location of the sample payload
 */
public record EventContract(String type, String schemaPath, String samplePath, JsonSchema schema, JsonNode sample) {

    /** Violations of the schema by {@code data}, empty when it conforms. */
    public List<String> violations(JsonNode data) {
        return schema.validate(data).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
