package io.techex.launcher.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The valid-looking request the bad ones of an operation are made from: real ids for its path variables (fixtures
 * the test created), the query it needs, a body the service would take, and who sends it.
 *
 * @param pathValues          path variable → a real id (already fit for a URL)
 * @param queryValues         query parameter → value a valid request would send
 * @param jsonBody            a body the service would accept, or null
 * @param binaryBody          the raw body of an upload, or null
 * @param freeQueryParameters query parameters that are free text, where odd text may be accepted
 */
record FuzzTarget(Map<String, String> pathValues, Map<String, String> queryValues, JsonNode jsonBody, byte[] binaryBody,
                  Set<String> freeQueryParameters) {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    /** The path with the real ids, but {@code overrides}' values for the variables they name (used as given). */
    String path(String template, Map<String, String> overrides) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = overrides.containsKey(name) ? overrides.get(name) : pathValues.getOrDefault(name, "00000000-0000-4000-8000-000000000000");
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    /** {@code ?…} of the valid query with {@code overrides} (a null value leaves the parameter out), percent-encoded. */
    String query(Map<String, String> overrides) {
        Map<String, String> query = new LinkedHashMap<>(queryValues);
        query.putAll(overrides);
        StringBuilder text = new StringBuilder();
        query.forEach((name, value) -> {
            if (value != null) {
                text.append(text.isEmpty() ? "?" : "&").append(BadInputs.enc(name)).append('=').append(BadInputs.enc(value));
            }
        });
        return text.toString();
    }
}
