package io.techex.platform.web;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a field's annotations say, put into its property's schema once the model is complete (swagger-core applies some
 * annotations late, so nothing comes after this):
 * <ul>
 *   <li>{@link NotBlank}: at least one character that is not white space. Beside a {@code @Size(max = ...)},
 *       swagger-core left it at {@code minLength: 0}, so the document allowed {@code ""} and {@code " "}, which the
 *       service refuses.</li>
 *   <li>an annotation named {@code Nullable} (jakarta's, JSpecify's...): the value may be {@code null}, as JSON Schema
 *       2020-12 says it: {@code "null"} among the types, {@code null} among an enum's values, and a reference to
 *       another schema as {@code anyOf} that reference or {@code null}. swagger-core only adds the type, so nullable
 *       enums, decimals ({@code Amount}) and objects were documented as never null.</li>
 * </ul>
 */
class FieldSchemas implements ModelConverter {

    /** Unanchored: somewhere in the text, a character that is not white space. */
    static final String NOT_BLANK = "\\S";
    private static final String NULL = "null";

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
        @SuppressWarnings("unchecked") Map<String, Schema> properties = (Map<String, Schema>) (Map<String, ?>) model.getProperties();
        for (Field field : javaType.getRawClass().getDeclaredFields()) {
            Schema<?> property = properties.get(field.getName());
            if (property == null) {
                continue;
            }
            if (field.isAnnotationPresent(NotBlank.class)) {
                notBlank(property);
            }
            if (Arrays.stream(field.getAnnotations()).map(Annotation::annotationType).anyMatch(a -> a.getSimpleName().equals("Nullable"))) {
                properties.put(field.getName(), nullable(property));
            }
        }
        return resolved;
    }

    private static void notBlank(Schema<?> property) {
        if (property.getMinLength() == null || property.getMinLength() < 1) {
            property.setMinLength(1);
        }
        if (property.getPattern() == null) {
            property.setPattern(NOT_BLANK);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema nullable(Schema property) {
        if (isReferenceOrNull(property)) {
            // a model seen again (swagger-core's converters are shared by every application in one JVM, as in the
            // launcher) is already "the reference or null": a second pass would read its anyOf as untyped and make it
            // null only. The other cases below are idempotent.
            return property;
        }
        if (property.get$ref() != null) {
            Schema reference = new Schema<>().$ref(property.get$ref());
            Schema either = new Schema<>().anyOf(List.of(reference, new Schema<>().types(Set.of(NULL))));
            either.setDescription(property.getDescription());
            return either;
        }
        Set<String> types = property.getTypes() == null ? new LinkedHashSet<>() : new LinkedHashSet<>(property.getTypes());
        if (types.isEmpty() && property.getType() != null) {
            types.add(property.getType());
        }
        types.add(NULL);
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            List values = new ArrayList<>(property.getEnum());
            values.add(null);
            property.setEnum(values);
        }
        return property;
    }

    @SuppressWarnings("rawtypes")
    private static boolean isReferenceOrNull(Schema property) {
        List<Schema> anyOf = property.getAnyOf();
        return anyOf != null && anyOf.stream().anyMatch(option -> option.getTypes() != null && option.getTypes().contains(NULL));
    }
}
