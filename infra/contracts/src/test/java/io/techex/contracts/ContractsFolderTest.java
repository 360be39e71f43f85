package io.techex.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ContractsFolderTest {

    private static final Pattern FILE = Pattern.compile(".*/contracts/([a-z]+)/([A-Za-z0-9]+)\\.v([0-9]+)\\.(schema|sample)\\.json");

    @Test
    void everyFileInTheFolderIsPartOfACompleteContractWhoseSampleConforms() throws IOException {
        List<String> types = contractTypes();
        assertThat(types).contains("io.techex.listing.ListingDrafted.v1");
        for (String type : types) {
            EventContract contract = EventContracts.find(type).orElse(null);
            assertThat(contract).as("schema and sample of " + type).isNotNull();
            assertThat(contract.violations(contract.sample())).as(contract.samplePath()).isEmpty();
        }
    }

    @Test
    void schemasLeaveRoomForAdditiveChanges() throws IOException {
        for (String type : contractTypes()) {
            JsonNode schema = EventJson.mapper().valueToTree(EventContracts.find(type).orElseThrow().schema().getSchemaNode());
            assertThat(schema.path("additionalProperties").asBoolean(true))
                    .as(type + " must not forbid unknown properties: producers add optional fields without a new version")
                    .isTrue();
        }
    }

    @Test
    void aViolatingPayloadIsReportedWithTheFieldAtFault() {
        EventContract contract = EventContracts.find("io.techex.listing.ListingDrafted.v1").orElseThrow();
        var payload = contract.sample().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) payload).put("readinessLevel", 12);
        assertThat(contract.violations(payload)).singleElement().asString().contains("readinessLevel");
    }

    @Test
    void unknownTypesHaveNoContract() {
        assertThat(EventContracts.find("io.techex.listing.NoSuchEvent.v1")).isEmpty();
        assertThat(EventContracts.find("not a type")).isEmpty();
    }

    private static List<String> contractTypes() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:contracts/*/*.json");
        List<String> types = new ArrayList<>();
        for (Resource file : files) {
            Matcher matcher = FILE.matcher(file.getURL().toString());
            assertThat(matcher.matches()).as("contract file name " + file.getURL()).isTrue();
            String type = "io.techex." + matcher.group(1) + "." + matcher.group(2) + ".v" + matcher.group(3);
            if (!types.contains(type)) {
                types.add(type);
            }
        }
        return types;
    }
}
