package io.techex.listing.document;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contracts.EventJson;
import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.AssetType;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.DealType;
import io.techex.listing.api.IpTitle;
import io.techex.listing.api.IpTitleOwner;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.RegulatoryCategory;
import io.techex.listing.api.SaleMode;
import io.techex.listing.catalogue.ChooseSaleMode;
import io.techex.listing.catalogue.DraftListing;
import io.techex.listing.catalogue.ListingContent;
import io.techex.listing.catalogue.PublishListing;
import io.techex.listing.catalogue.SubmitListing;
import io.techex.listing.catalogue.VerifyOwnership;
import io.techex.testkit.TestTokens;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Acts on listing-service over real HTTP as the demo people, with the tokens the authorization server gave them;
 * drives listings through their life with Axon commands until the lifecycle is wanted over HTTP too.
 */
public final class TestClient {

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    public TestClient(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path, String person) {
        return send(as(path, person).GET(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> download(String path, String person) {
        return send(as(path, person).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A download with request headers, names and values in turn: {@code "Range", "bytes=10-"}. */
    public HttpResponse<byte[]> download(String path, String person, String... headers) {
        return send(as(path, person).headers(headers).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(String path, String json, String person) {
        return post(path, json, person, null);
    }

    public HttpResponse<String> post(String path, String json, String person, String idempotencyKey) {
        var request = as(path, person);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> put(String path, String json, String person) {
        return send(as(path, person).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code contentType} null sends no Content-Type at all. */
    public HttpResponse<String> upload(String path, byte[] content, String contentType, String person) {
        var request = as(path, person).POST(HttpRequest.BodyPublishers.ofByteArray(content));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path, String person) {
        return send(as(path, person).DELETE(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return EventJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete listing of {@code seller} (the sole owner of its patent), drafted only. */
    public static String draft(CommandGateway commands, String seller) {
        String listingId = UUID.randomUUID().toString();
        commands.sendAndWait(new DraftListing(listingId, seller, content(seller)));
        return listingId;
    }

    /** A complete listing of {@code seller}, submitted to the operator. */
    public static String submitted(CommandGateway commands, String seller) {
        String listingId = draft(commands, seller);
        commands.sendAndWait(new SubmitListing(listingId, seller));
        return listingId;
    }

    /** A complete listing of {@code seller}, on the market. */
    public static String published(CommandGateway commands, String seller) {
        String listingId = submitted(commands, seller);
        publish(commands, listingId, seller);
        return listingId;
    }

    /** Verifies the ownership of a submitted listing and puts it on the market. */
    public static void publish(CommandGateway commands, String listingId, String seller) {
        commands.sendAndWait(new VerifyOwnership(listingId));
        commands.sendAndWait(new ChooseSaleMode(listingId, seller, SaleMode.NEGOTIATION));
        commands.sendAndWait(new PublishListing(listingId, seller, Instant.now()));
    }

    private static ListingContent content(String seller) {
        IpTitle patent = new IpTitle("VN", "1-00" + Math.abs(UUID.randomUUID().hashCode() % 100_000), "B1",
                LocalDate.of(2020, 5, 4), LocalDate.of(2023, 1, 9), LocalDate.of(2040, 5, 4),
                List.of(new IpTitleOwner(seller, "Trường " + seller, BigDecimal.valueOf(100))));
        return new ListingContent(new LocalizedText("Vật liệu hấp phụ từ vỏ trấu", "Rice-husk adsorbent"),
                new LocalizedText("Xử lý kim loại nặng trong nước.", null), AssetType.PATENT, 6, List.of(patent),
                List.of("C02F 1/28"), List.of("vỏ trấu"), List.of(DealOption.of(DealType.NON_EXCLUSIVE_LICENCE)),
                AskingPrice.of(new BigDecimal("800000000"), "VND"), RegulatoryCategory.ORDINARY, false);
    }

    private HttpRequest.Builder as(String path, String person) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.get().bearer(person));
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
