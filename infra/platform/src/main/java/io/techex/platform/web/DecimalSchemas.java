package io.techex.platform.web;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Locale;

/**
 * Documents every {@link BigDecimal} as what {@link ExactDecimals} makes of it: a decimal string, {@code Percent} for
 * a property named as one ({@code runningRoyaltyPercent}, {@code sharePercent}), {@code Amount} (of money) for any
 * other. One reference to one schema, so the rule and its pattern are written once.
 */
class DecimalSchemas implements ModelConverter {

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        JavaType javaType = type.getType() == null ? null : Json.mapper().constructType(type.getType());
        if (javaType != null && javaType.getRawClass() == BigDecimal.class) {
            String name = type.getPropertyName() == null ? "" : type.getPropertyName().toLowerCase(Locale.ROOT);
            String component = name.endsWith("percent") ? OpenApiConventions.PERCENT : OpenApiConventions.AMOUNT;
            return new Schema<>().$ref("#/components/schemas/" + component);
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }
}
