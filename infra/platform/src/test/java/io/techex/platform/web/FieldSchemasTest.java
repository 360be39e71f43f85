package io.techex.platform.web;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FieldSchemasTest {

    /** The launcher runs five services in one JVM, whose documents share swagger-core's converters: a model comes twice. */
    @Test
    void aNullableReferenceSeenTwiceStaysTheReferenceOrNull() {
        Schema<?> once = FieldSchemas.nullable(new Schema<>().$ref("#/components/schemas/Amount"));
        Schema<?> twice = FieldSchemas.nullable(once);

        assertThat(twice.getTypes()).as("no type of its own: a type null beside anyOf would allow null only").isNull();
        assertThat(twice.getAnyOf()).hasSize(2);
        assertThat(twice.getAnyOf().get(0).get$ref()).isEqualTo("#/components/schemas/Amount");
        assertThat(twice.getAnyOf().get(1).getTypes()).isEqualTo(Set.of("null"));
    }

    @Test
    void aNullableStringSeenTwiceIsAStringOrNull() {
        Schema<?> twice = FieldSchemas.nullable(FieldSchemas.nullable(new StringSchema()));

        assertThat(twice.getTypes()).containsExactlyInAnyOrder("string", "null");
    }
}
