package io.techex.platform.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static io.techex.platform.web.Http.UNIVERSITY;
import static org.assertj.core.api.Assertions.assertThat;

/** Money and percentages are decimal strings, in and out, and the document says so once. */
@WebTest
class ExactDecimalsTest {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void decimalsTravelAsPlainStringsAndStayExact() {
        HttpResponse<String> echoed = http.postJson(UNIVERSITY, "/things/prices",
                "{\"amount\": \"123456789012345678901234.000000000001\", \"currency\": \"VND\", \"royaltyPercent\": \"2.5\"}", null);

        assertThat(echoed.statusCode()).as(echoed.body()).isEqualTo(200);
        assertThat(echoed.body()).contains("\"amount\":\"123456789012345678901234.000000000001\"", "\"royaltyPercent\":\"2.5\"");
    }

    @Test
    void aJsonNumberWhereADecimalBelongsIsA400NamingTheField() {
        for (String amount : new String[]{"1500000000", "1.5E9", "\"1.5E9\"", "\" 15\"", "\"NaN\"", "\"\""}) {
            HttpResponse<String> refused = http.postJson(UNIVERSITY, "/things/prices", "{\"amount\": " + amount + "}", null);

            assertThat(refused.statusCode()).as(amount + ": " + refused.body()).isEqualTo(400);
            JsonNode error = Http.json(refused).path("errors").get(0);
            assertThat(error.path("field").asString()).isEqualTo("amount");
            assertThat(error.path("message").asString()).contains("plain decimal");
        }
    }

    @Test
    void theDocumentHasOneAmountAndOnePercentSchemaAndEveryDecimalRefersToThem() {
        JsonNode api = Http.json(http.send(http.request("/v3/api-docs").GET()));
        JsonNode schemas = api.path("components").path("schemas");

        assertThat(schemas.path("Amount").path("type").asString()).isEqualTo("string");
        assertThat(schemas.path("Amount").path("pattern").asString()).isNotBlank();
        assertThat(schemas.path("Amount").path("description").asString()).contains("never a JSON number");
        assertThat(schemas.path("Percent").path("type").asString()).isEqualTo("string");
        assertThat(schemas.path("Price").path("properties").path("amount").path("$ref").asString()).isEqualTo("#/components/schemas/Amount");
        assertThat(schemas.path("Price").path("properties").path("royaltyPercent").toString())
                .isEqualTo("{\"anyOf\":[{\"$ref\":\"#/components/schemas/Percent\"},{\"type\":\"null\"}]}");
    }

    @Test
    void whatMayBeNullIsDocumentedAsNullableWhateverItsType() {
        JsonNode price = Http.json(http.send(http.request("/v3/api-docs").GET())).path("components").path("schemas").path("Price");

        assertThat(price.at("/properties/currency/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(price.at("/properties/assetType/enum").toString()).contains("null");
        assertThat(price.at("/properties/title/anyOf/1/type").asString()).isEqualTo("null");
        assertThat(price.at("/properties/amount/$ref").asString()).isEqualTo("#/components/schemas/Amount");
        // and an answer holding those nulls conforms (the test kit checks every answer against the document)
        HttpResponse<String> echoed = http.postJson(UNIVERSITY, "/things/prices", "{\"amount\": \"1\"}", null);
        assertThat(echoed.statusCode()).as(echoed.body()).isEqualTo(200);
        assertThat(echoed.body()).contains("\"royaltyPercent\":null", "\"assetType\":null", "\"title\":null");
    }
}
