package io.techex.testkit.openapi;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks of one exchange against a small OpenAPI 3.1 document written as springdoc writes them. */
class OpenApiContractTest {

    /** Also the document of {@link OpenApiConformanceFilterTest}. */
    static final String DOCUMENT = """
            {"openapi": "3.1.0",
             "paths": {
               "/auctions/{auctionId}/bids": {"post": {"summary": "Bid", "tags": ["Auctions"],
                 "parameters": [{"name": "auctionId", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
                 "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BidRequest"}}}},
                 "responses": {
                   "201": {"description": "Accepted", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BidAccepted"}}}},
                   "400": {"description": "Invalid", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}},
               "/listings/{listingId}": {"get": {"summary": "A listing", "tags": ["listing-controller"],
                 "responses": {"200": {"description": "OK", "content": {"*/*": {"schema": {"$ref": "#/components/schemas/Listing"}}}}}}},
               "/listings/mine": {"get": {"tags": ["Listings"],
                 "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Listing"}}}}}}}},
               "/listings/{listingId}/sale-mode": {"put": {"summary": "Sale mode", "tags": ["Listings"], "responses": {"204": {"description": "Chosen"}}}}
             },
             "components": {"schemas": {
               "Amount": {"type": "string", "format": "decimal", "pattern": "^[0-9]{1,24}(\\\\.[0-9]{1,12})?$"},
               "BidRequest": {"type": "object", "required": ["amount"], "properties": {"amount": {"$ref": "#/components/schemas/Amount"}}},
               "BidAccepted": {"type": "object", "properties": {"bidId": {"type": "string"}, "amount": {"$ref": "#/components/schemas/Amount"}}},
               "Listing": {"type": "object", "properties": {"listingId": {"type": "string"}, "closedReason": {"type": ["string", "null"]},
                                                            "fieldOfUse": {"type": "string"}}},
               "Problem": {"type": "object", "additionalProperties": true, "required": ["status"],
                           "properties": {"type": {"type": "string"}, "status": {"type": "integer"}}}
             }}}""";

    static final String AUCTION = "/auctions/7f3c9a52-3f1e-4d2b-9c61-5b8e2f0a1d4c/bids";
    final OpenApiContract contract = OpenApiContract.parse(DOCUMENT);

    @Test
    void anAnswerAsDocumentedConforms() {
        assertThat(contract.check(post(AUCTION, "{\"amount\": \"1500000000\"}", 201, "{\"bidId\": \"b1\", \"amount\": \"1500000000\"}")))
                .isEmpty();
        assertThat(contract.check(get("/listings/mine", 200, "application/json", "[{\"listingId\": \"l1\", \"closedReason\": null}]")))
                .isEmpty();
    }

    @Test
    void aNumberWhereTheDocumentSaysADecimalStringIsNamed() {
        assertThat(contract.check(post(AUCTION, "{\"amount\": \"1500000000\"}", 201, "{\"bidId\": \"b1\", \"amount\": 1500000000}")))
                .singleElement().asString().contains("/amount").contains("string");
    }

    @Test
    void nullWhereTheDocumentDoesNotSayNullableIsNamed() {
        assertThat(contract.check(get("/listings/mine", 200, "application/json", "[{\"listingId\": \"l1\", \"fieldOfUse\": null}]")))
                .singleElement().asString().contains("/0/fieldOfUse");
    }

    @Test
    void anUndocumentedPropertyIsNamed() {
        assertThat(contract.check(get("/listings/mine", 200, "application/json", "[{\"listingId\": \"l1\", \"secret\": \"x\"}]")))
                .singleElement().asString().contains("secret");
    }

    @Test
    void anUndocumentedStatusIsNamedWithTheDocumentedOnes() {
        assertThat(contract.check(post(AUCTION, "{\"amount\": \"1\"}", 200, "{\"bidId\": \"b1\", \"amount\": \"1\"}")))
                .singleElement().asString().contains("status 200 is not documented").contains("201, 400");
    }

    @Test
    void aBodyDocumentedAsAnyMediaTypeIsNamedAndStillChecked() {
        assertThat(contract.check(get("/listings/7f3c9a52", 200, "application/json", "{\"listingId\": 1}")))
                .hasSize(2).anySatisfy(p -> assertThat(p).contains("*/*"))
                .anySatisfy(p -> assertThat(p).contains("/listingId"));
    }

    @Test
    void aMediaTypeOtherThanTheDocumentedOneIsNamed() {
        assertThat(contract.check(get("/listings/mine", 200, "text/plain", "[]")))
                .singleElement().asString().contains("text/plain");
    }

    @Test
    void aBodyWhereNoneIsDocumentedIsNamed() {
        var exchange = new OpenApiContract.Exchange("PUT", "/listings/l1/sale-mode", Map.of(), Map.of(), null, new byte[0],
                200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(contract.check(exchange)).anySatisfy(p -> assertThat(p).contains("status 200 is not documented"));
    }

    @Test
    void aRequestTheDocumentAllowsMayNotBeRefusedAsMalformed() {
        String problem = "{\"type\": \"https://techex.io/problems/invalid-request\", \"status\": 400}";
        assertThat(contract.check(post(AUCTION, "{\"amount\": \"1500000000\"}", 400, problem)))
                .singleElement().asString().contains("a request the document allows");
        // one it does not allow is refused rightly
        assertThat(contract.check(post(AUCTION, "{\"amount\": 1500000000}", 400, problem))).isEmpty();
        assertThat(contract.check(post("/auctions/not-a-uuid/bids", "{\"amount\": \"1\"}", 400, problem))).isEmpty();
    }

    @Test
    void aPathOrMethodTheDocumentDoesNotHaveMayOnlyBeRefusedWithAProblem() {
        String problem = "{\"type\": \"https://techex.io/problems/method-not-allowed\", \"status\": 405}";
        var refused = new OpenApiContract.Exchange("DELETE", AUCTION, Map.of(), Map.of(), null, new byte[0], 405,
                "application/problem+json", problem.getBytes(StandardCharsets.UTF_8));
        assertThat(contract.check(refused)).isEmpty();
        var answered = new OpenApiContract.Exchange("DELETE", AUCTION, Map.of(), Map.of(), null, new byte[0], 200,
                "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(contract.check(answered)).singleElement().asString().contains("does not have");
        var html = new OpenApiContract.Exchange("GET", "/nowhere", Map.of(), Map.of(), null, new byte[0], 404,
                "text/html", "<html/>".getBytes(StandardCharsets.UTF_8));
        assertThat(contract.check(html)).singleElement().asString().contains("application/problem+json");
    }

    @Test
    void literalSegmentsWinOverVariables() {
        assertThat(contract.operation("GET", "/listings/mine")).hasValue("GET /listings/mine");
        assertThat(contract.operation("GET", "/listings/abc")).hasValue("GET /listings/{listingId}");
        assertThat(contract.operation("POST", "/listings/abc")).isEmpty();
    }

    @Test
    void theDocumentItselfNeedsASummaryAndATagOfItsOwnForEveryOperation() {
        assertThat(contract.lint()).containsExactlyInAnyOrder(
                "GET /listings/{listingId} is tagged with its controller's name listing-controller",
                "GET /listings/{listingId} documents its 200 body as */* (only content of any type, format binary, may be)",
                "GET /listings/mine has no summary");
    }

    private static OpenApiContract.Exchange post(String path, String body, int status, String answer) {
        return new OpenApiContract.Exchange("POST", path, Map.of(), Map.of("Content-Type", "application/json"),
                "application/json", body.getBytes(StandardCharsets.UTF_8), status,
                status >= 400 ? "application/problem+json" : "application/json", answer.getBytes(StandardCharsets.UTF_8));
    }

    private static OpenApiContract.Exchange get(String path, int status, String contentType, String answer) {
        return new OpenApiContract.Exchange("GET", path, Map.of(), Map.of(), null, new byte[0], status, contentType,
                answer.getBytes(StandardCharsets.UTF_8));
    }

}
