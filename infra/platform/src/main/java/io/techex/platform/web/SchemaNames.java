package io.techex.platform.web;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Collectors;

/**
 * Refuses to document two classes under one schema name. springdoc names a schema after its class's simple name and
 * keeps the first it meets, so two nested {@code Decision} or {@code Entry} records of different controllers became
 * one schema, and one of them was documented wrong. Now the operation that meets the second is left without its body's
 * schema (springdoc logs this exception, naming both classes), which the test kit's conformance check reports, until
 * one of them gets {@code @Schema(name = ...)}. Two classes holding the same fields (two identical {@code AuctionRef}s)
 * may share their schema.
 */
class SchemaNames implements ModelConverter {

    /** Per document being built: each build has its own context. */
    private final Map<ModelConverterContext, Map<String, Class<?>>> named = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        JavaType javaType = type.getType() == null ? null : Json.mapper().constructType(type.getType());
        if (resolved == null || javaType == null || javaType.isContainerType() || javaType.getRawClass().isEnum()
                || javaType.getRawClass().getName().startsWith("java.")) {
            return resolved;
        }
        String name = resolved.get$ref() != null ? resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1)
                : resolved.getName();
        if (name == null) {
            return resolved;
        }
        Class<?> raw = javaType.getRawClass();
        Class<?> earlier = named.computeIfAbsent(context, c -> new HashMap<>()).putIfAbsent(name, raw);
        if (earlier != null && earlier != raw && !fields(earlier).equals(fields(raw))) {
            throw new IllegalStateException("Two classes are documented as the schema " + name + ": " + earlier.getName()
                    + " and " + raw.getName() + "; name one of them with @Schema(name = ...)");
        }
        return resolved;
    }

    /** What a class holds, by name: two classes holding the same (two identical references) may share a schema. */
    private static Set<String> fields(Class<?> type) {
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents()).map(component -> component.getName() + ":" + component.getGenericType())
                    .collect(Collectors.toSet());
        }
        return Arrays.stream(type.getDeclaredFields()).filter(field -> !Modifier.isStatic(field.getModifiers()))
                .map(field -> field.getName() + ":" + field.getGenericType()).collect(Collectors.toSet());
    }
}
