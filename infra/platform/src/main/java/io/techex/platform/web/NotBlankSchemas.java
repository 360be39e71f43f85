package io.techex.platform.web;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;

import java.lang.reflect.Field;
import java.util.Iterator;

/**
 * A {@link NotBlank} text is documented as what it is: at least one character that is not white space. swagger-core
 * applies a {@code @Size(max = ...)} beside it last, with its {@code min} of 0, so the document allowed {@code ""}
 * and {@code " "}, which the service refuses. This runs once the model is complete, so nothing comes after it.
 */
class NotBlankSchemas implements ModelConverter {

    /** Unanchored: somewhere in the text, a character that is not white space. */
    static final String NOT_BLANK = "\\S";

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        JavaType javaType = type.getType() == null ? null : Json.mapper().constructType(type.getType());
        if (resolved == null || javaType == null || javaType.getRawClass().isPrimitive()
                || javaType.getRawClass().getName().startsWith("java.")) {
            return resolved;
        }
        Schema<?> model = resolved;
        if (resolved.get$ref() != null && context.getDefinedModels() != null) {
            model = context.getDefinedModels().get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1));
        }
        if (model == null || model.getProperties() == null) {
            return resolved;
        }
        for (Field field : javaType.getRawClass().getDeclaredFields()) {
            Schema<?> property = model.getProperties().get(field.getName());
            if (property != null && field.isAnnotationPresent(NotBlank.class)) {
                if (property.getMinLength() == null || property.getMinLength() < 1) {
                    property.setMinLength(1);
                }
                if (property.getPattern() == null) {
                    property.setPattern(NOT_BLANK);
                }
            }
        }
        return resolved;
    }
}
