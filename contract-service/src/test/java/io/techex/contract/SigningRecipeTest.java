package io.techex.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contract.agreement.ContractView;
import io.techex.contract.agreement.ContractViewProjection;
import io.techex.contract.agreement.CreateContract;
import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.DealType;
import io.techex.contract.api.IpTitleRef;
import io.techex.contract.api.Money;
import io.techex.contract.api.RegulatoryCategory;
import io.techex.contract.signing.SigningKeys;
import io.techex.contracts.EventJson;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing formats as a newcomer finds them: the README's openssl recipe, run as it stands by bash against the
 * running service (only its address is this test's port), gets the signature accepted; and the OpenAPI document says
 * what the key, the message and the signature are.
 */
@IntegrationTest
class SigningRecipeTest {

    static final Path README = Path.of("..", "README.md");
    static final Pattern RECIPE = Pattern.compile(
            "<!-- signing recipe:[^>]*-->\\s*```bash\\n(.*?)```", Pattern.DOTALL);

    @Autowired
    ActingCommandGateway commands;
    @Autowired
    ContractViewProjection views;
    @Autowired
    SigningKeys keys;
    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theReadmesOpensslRecipeRegistersAKeyAndSignsTheCurrentVersion(@TempDir Path workDir) throws Exception {
        String contractId = UUID.randomUUID().toString();
        commands.send(new CreateContract(contractId, UUID.randomUUID().toString(), "deal-" + contractId, "hust",
                "mekong-biotech", "Nano dye treatment", List.of(new IpTitleRef("VN", "1-0023456")), RegulatoryCategory.ORDINARY,
                false, new ContractTerms(DealType.NON_EXCLUSIVE_LICENCE, null, "VN", null, null, 12, Money.vnd(1_000_000),
                        null, List.of(), null), Instant.now()), new Actor("lan.nguyen", "hust", Actor.Role.UNIVERSITY));

        Matcher recipe = RECIPE.matcher(Files.readString(README, StandardCharsets.UTF_8));
        assertThat(recipe.find()).as("the README's signing recipe, after its marker comment").isTrue();
        assertThat(recipe.group(1)).contains("openssl genpkey -algorithm ed25519", "openssl pkeyutl -sign -rawin", "localhost:8083");
        String script = """
                set -euo pipefail
                UNI=(-H "Authorization: $BEARER")
                JSON=(-H 'Content-Type: application/json')
                """ + recipe.group(1).replace("localhost:8083", "localhost:" + port);
        var builder = new ProcessBuilder("bash", "-c", script).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("BEARER", TestTokens.get().bearer(TestTokens.UNIVERSITY));
        builder.environment().put("CONTRACT", contractId);
        Process bash = builder.start();
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as("the recipe finishes").isTrue();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as(output).isZero();

        ContractView contract = views.find(contractId).orElseThrow();
        assertThat(contract.signatures).as(output).singleElement().satisfies(signature -> {
            assertThat(signature.organisationId()).isEqualTo("hust");
            assertThat(signature.version()).isEqualTo(1);
            assertThat(signature.documentSha256()).isEqualTo(contract.documentSha256);
            assertThat(keys.find(signature.keyId()).orElseThrow().organisationId()).isEqualTo("hust");
        });
        assertThat(output).contains("\"status\":\"DRAFTING\"");
    }

    @Test
    void theOpenApiDocumentSaysWhatTheKeyTheMessageAndTheSignatureAre() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = EventJson.mapper().readTree(response.body());

        assertThat(api.at("/paths/~1signing-keys/post/description").asText())
                .contains("Ed25519", "DER X.509", "SubjectPublicKeyInfo", "base64");
        assertThat(api.at("/components/schemas/KeyRegistration/properties/publicKey/description").asText())
                .contains("base64", "DER X.509 SubjectPublicKeyInfo");
        assertThat(api.at("/paths/~1contracts~1{contractId}~1signatures/post/description").asText())
                .contains("SHA-256", "64 lower-case hex digits", "UTF-8 bytes", "base64", "openssl pkeyutl -sign -rawin");
        assertThat(api.at("/components/schemas/SignatureRequest/properties/signature/description").asText())
                .contains("Ed25519", "UTF-8 bytes", "64 lower-case hex digits", "base64");
        assertThat(api.at("/paths/~1contracts~1{contractId}~1document/get/description").asText()).contains("X-Document-SHA256");
    }
}
