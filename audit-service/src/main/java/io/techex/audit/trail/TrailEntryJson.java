package io.techex.audit.trail;

import tools.jackson.core.Base64Variants;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * A stored trail entry written as {@link AssetTrail.Entry} serialises, byte for byte, without building one: the
 * property names encoded once, the event data and the leaf hash copied from the bytes the database sent.
 */
final class TrailEntryJson {

    private static final SerializableString POSITION = new SerializedString("position");
    private static final SerializableString EVENT_ID = new SerializedString("eventId");
    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString OCCURRED_AT = new SerializedString("occurredAt");
    private static final SerializableString ACTOR = new SerializedString("actor");
    private static final SerializableString PERSON = new SerializedString("person");
    private static final SerializableString ORGANISATION = new SerializedString("organisation");
    private static final SerializableString ROLE = new SerializedString("role");
    private static final SerializableString DATA = new SerializedString("data");
    private static final SerializableString LEAF_INDEX = new SerializedString("leafIndex");
    private static final SerializableString LEAF_HASH = new SerializedString("leafHash");

    private TrailEntryJson() {
    }

    private static void utf8(JsonGenerator json, byte[] text) {
        if (text == null) {
            json.writeNull();
        } else {
            json.writeUTF8String(text, 0, text.length);
        }
    }

    static void write(JsonGenerator json, AssetTrails.StoredEntry entry) {
        json.writeStartObject();
        json.writeName(POSITION);
        json.writeNumber(entry.position());
        json.writeName(EVENT_ID);
        json.writeString(entry.eventId());
        // UTF-8 copied as the database sent it; Jackson escapes in it what writeString would (quotes, controls)
        json.writeName(TYPE);
        utf8(json, entry.type());
        json.writeName(SOURCE);
        utf8(json, entry.source());
        // Instant.toString's text, which is what Jackson writes for an Instant
        json.writeName(OCCURRED_AT);
        utf8(json, entry.occurredAt());
        json.writeName(ACTOR);
        if (entry.actor() == null) {
            json.writeNull();
        } else {
            json.writeStartObject();
            json.writeName(PERSON);
            utf8(json, entry.actor().person());
            json.writeName(ORGANISATION);
            utf8(json, entry.actor().organisation());
            json.writeName(ROLE);
            utf8(json, entry.actor().role());
            json.writeEndObject();
        }
        // the JSON text the event was published in (V10), as @JsonRawValue writes it, copied as the database sent it
        json.writeName(DATA);
        json.writeRawValue(new RawJson(entry.data()));
        json.writeName(LEAF_INDEX);
        if (entry.leafIndex() == null) {
            json.writeNull();
        } else {
            json.writeNumber(entry.leafIndex());
        }
        json.writeName(LEAF_HASH);
        if (entry.leafHash() == null) {
            json.writeNull();
        } else {
            // standard Base64 with padding, as Base64.getEncoder() writes it into AssetTrail.Entry
            json.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, entry.leafHash(), 0, entry.leafHash().length);
        }
        json.writeEndObject();
    }
}
