package io.techex.platform.web;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Money and percentages over HTTP: every {@link BigDecimal} of a request or an answer is a JSON string holding a plain
 * decimal ({@code "1500000000"}, {@code "2.5"}), never a JSON number, which many readers (JavaScript's among them)
 * turn into a binary float and round. One representation in every service, documented once in the OpenAPI document
 * ({@code Amount} and {@code Percent}, see {@link OpenApiConventions}). A JSON number where a decimal belongs is a
 * 400 naming the field, so a client that rounded its amount learns it at once; so is a string that is not a plain
 * decimal (an exponent, blanks, {@code NaN}). Whether the value suits its field (not negative, as many decimal places
 * as the currency has) is the business rules' to say, with a 422.
 * <p>
 * Event payloads are not affected: they are written by the event serializer, not by the web layer.
 */
public final class ExactDecimals {

    /** The form of a decimal string: an optional minus, digits, an optional fraction; no exponent, no blanks. */
    public static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private ExactDecimals() {
    }

    /** The Jackson module writing and reading {@link BigDecimal} as decimal strings. */
    public static SimpleModule module() {
        return new SimpleModule("techex-exact-decimals")
                .addSerializer(BigDecimal.class, new Writer())
                .addDeserializer(BigDecimal.class, new Reader());
    }

    /** {@code "1500000000"}, never {@code 1.5E+9}. */
    static final class Writer extends StdSerializer<BigDecimal> {
        Writer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(value.toPlainString());
        }
    }

    static final class Reader extends StdScalarDeserializer<BigDecimal> {
        Reader() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
            }
            String text = parser.getString();
            if (!PLAIN_DECIMAL.matcher(text).matches()) {
                return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, text, "not a plain decimal");
            }
            return new BigDecimal(text);
        }
    }
}
