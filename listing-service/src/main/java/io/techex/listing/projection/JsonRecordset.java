package io.techex.listing.projection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Rows as one JSON array of objects, for a statement that writes them all at once through PostgreSQL's
 * {@code json_to_recordset(?::json) AS r(column type, ...)}: one statement per batch instead of one per row, for tables
 * whose per-statement cost in PostgreSQL (generated columns, functions) outweighs the row's own.
 * <p>
 * Each value goes in the form PostgreSQL's input function for the column's type reads exactly: amounts as their
 * decimal text (never a binary double), instants as ISO-8601 UTC text, string lists as JSON arrays (text[]), null as
 * null.
 */
public final class JsonRecordset {

    private static final JsonFactory JSON = new JsonFactory();

    /** Writes one row's members into the open object. */
    @FunctionalInterface
    public interface Columns<R> {
        void write(JsonGenerator json, R row) throws IOException;
    }

    private JsonRecordset() {
    }

    public static <R> String write(List<R> rows, Columns<R> columns) {
        StringWriter text = new StringWriter(rows.size() * 512);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartArray();
            for (R row : rows) {
                json.writeStartObject();
                columns.write(json, row);
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    public static void writeStrings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    public static void writeDecimal(JsonGenerator json, String name, BigDecimal value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value.toPlainString());
        }
    }

    public static void writeInstant(JsonGenerator json, String name, Instant value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value.toString());
        }
    }
}
