package io.techex.platform.web;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.media.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two classes of one simple name are never merged into one schema silently, as springdoc did with two Decisions. */
class SchemaNamesTest {

    static final class Regulators {
        record Decision(String kind, String outcome, String officerName) {
        }
    }

    static final class Requests {
        record Decision(String outcome, String number) {
        }

        @Schema(name = "DecisionRequest")
        record Named(String outcome, String number) {
        }
    }

    record Both(Regulators.Decision decided, Requests.Decision asked) {
    }

    record BothNamed(Regulators.Decision decided, Requests.Named asked) {
    }

    @Test
    void twoClassesUnderOneSchemaNameAreRefusedNamingBoth() {
        assertThatThrownBy(() -> converters().readAll(new AnnotatedType(Both.class)))
                .hasMessageContaining("Decision")
                .hasMessageContaining(Regulators.Decision.class.getName())
                .hasMessageContaining(Requests.Decision.class.getName());
    }

    @Test
    void aSchemaNameOfItsOwnResolvesIt() {
        assertThat(converters().readAll(new AnnotatedType(BothNamed.class))).containsKeys("Decision", "DecisionRequest");
    }

    private static ModelConverters converters() {
        ModelConverters converters = new ModelConverters(true);
        converters.addConverter(new SchemaNames());
        return converters;
    }
}
