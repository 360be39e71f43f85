package io.techex.audit.trail;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A JSON value already written, as UTF-8 bytes, for {@code JsonGenerator.writeRawValue}: a byte generator copies the
 * bytes as they are. A trail's event data comes from PostgreSQL as UTF-8 text and goes to the client as UTF-8; through a
 * {@code String} it was decoded and encoded again, half of the Java time of a big trail.
 */
record RawJson(byte[] utf8) implements SerializableString {

    /** Quoted, the JSON is a string's text (what {@code writeString} would make of it); no trail writes it so. */
    private SerializedString asString() {
        return new SerializedString(getValue());
    }

    @Override
    public String getValue() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        return asString().asQuotedChars();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return utf8;
    }

    @Override
    public byte[] asQuotedUTF8() {
        return asString().asQuotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return asString().appendQuotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return asString().appendQuoted(buffer, offset);
    }

    /** Copies the bytes when they fit, else -1 (the generator then flushes and writes them from {@link #asUnquotedUTF8}). */
    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + utf8.length > buffer.length) {
            return -1;
        }
        System.arraycopy(utf8, 0, buffer, offset, utf8.length);
        return utf8.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        String value = getValue();
        if (offset + value.length() > buffer.length) {
            return -1;
        }
        value.getChars(0, value.length(), buffer, offset);
        return value.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return asString().writeQuotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(utf8);
        return utf8.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
        return asString().putQuotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (utf8.length > buffer.remaining()) {
            return -1;
        }
        buffer.put(utf8);
        return utf8.length;
    }
}
