package io.techex.listing;

import io.techex.testkit.AccessMatrix;
import io.techex.testkit.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.util.UUID;

import static io.techex.testkit.AccessMatrix.Role.FIRM;
import static io.techex.testkit.AccessMatrix.Role.OPERATOR;
import static io.techex.testkit.AccessMatrix.Role.REGULATOR;
import static io.techex.testkit.AccessMatrix.Role.UNIVERSITY;

/** Every endpoint of listing-service × every role and every kind of bad token, against the running service. */
@IntegrationTest
class ListingAccessMatrixTest {

    static final String DRAFT = """
            {"title": {"vi": "Vật liệu hấp phụ từ vỏ trấu"}, "summary": {"vi": "Xử lý kim loại nặng trong nước."},
             "assetType": "PATENT", "readinessLevel": 4}""";

    static final String NEED = """
            {"title": {"vi": "Xử lý nước nhiễm asen"}, "statement": {"en": "Arsenic removal for 20 villages"},
             "minReadinessLevel": 6}""";

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointAnswersEveryRoleAsTheRulesSay() {
        AccessMatrix.of(context)
                .row("POST", "/listings", DRAFT, UNIVERSITY)
                .row("PUT", "/listings/{listingId}/draft", DRAFT, UNIVERSITY)
                .row("GET", "/listings/{listingId}", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .row("GET", "/listings", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .row("GET", "/listings/mine", null, UNIVERSITY, FIRM)
                .row("GET", "/listings/awaiting-verification", null, OPERATOR)
                .row("POST", "/listings/{listingId}/submission", null, UNIVERSITY)
                .row("POST", "/listings/{listingId}/ownership-verification", null, OPERATOR)
                .row("POST", "/listings/{listingId}/ownership-rejection", "{\"reason\": \"No assignment deed\"}", OPERATOR)
                .row("POST", "/listings/{listingId}/co-owner-consent", null, UNIVERSITY, FIRM)
                .row("PUT", "/listings/{listingId}/sale-mode", "{\"saleMode\": \"AUCTION\"}", UNIVERSITY)
                .row("POST", "/listings/{listingId}/publication", null, UNIVERSITY)
                .row("POST", "/listings/{listingId}/withdrawal", "{\"reason\": \"Licensed elsewhere\"}", UNIVERSITY)
                .row("POST", "/listings/{listingId}/documents", null, UNIVERSITY)
                .row("GET", "/listings/{listingId}/documents", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .row("GET", "/listings/{listingId}/documents/{documentId}", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .row("DELETE", "/listings/{listingId}/documents/{documentId}", null, UNIVERSITY)
                .row("POST", "/listings/{listingId}/nda-requests", "{\"message\": \"Evaluation for a pilot\"}", FIRM)
                .row("GET", "/nda-requests", null, UNIVERSITY, FIRM)
                .row("GET", "/nda-requests/{ndaId}", null, UNIVERSITY, FIRM)
                .row("POST", "/nda-requests/{ndaId}/accept", null, UNIVERSITY)
                .row("POST", "/nda-requests/{ndaId}/decline", "{\"reason\": \"Competitor\"}", UNIVERSITY)
                .row("POST", "/listings/{listingId}/enquiries", "{\"kind\": \"QUESTION\", \"message\": \"TRL?\"}", FIRM)
                .row("GET", "/enquiries", null, UNIVERSITY, FIRM)
                .row("GET", "/enquiries/{enquiryId}", null, UNIVERSITY, FIRM)
                .row("POST", "/enquiries/{enquiryId}/answer", "{\"answer\": \"TRL 6\"}", UNIVERSITY)
                .row("POST", "/needs", NEED, FIRM)
                .row("PUT", "/needs/{needId}", NEED, FIRM)
                .row("POST", "/needs/{needId}/publication", null, FIRM)
                .row("POST", "/needs/{needId}/closure", "{\"reason\": \"Found one\"}", FIRM)
                .row("POST", "/needs/{needId}/takedown", "{\"reason\": \"Spam\"}", OPERATOR)
                .row("GET", "/needs/{needId}", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .row("GET", "/needs", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .row("GET", "/needs/mine", null, FIRM)
                .row("GET", "/needs/{needId}/matches", null, FIRM, OPERATOR, REGULATOR)
                .row("GET", "/listings/{listingId}/matches", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .row("POST", "/needs/{needId}/proposals", "{\"kind\": \"LISTING\", \"listingId\": \"" + UUID.randomUUID() + "\"}", UNIVERSITY)
                .row("GET", "/needs/{needId}/proposals", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .row("GET", "/proposals", null, UNIVERSITY, FIRM)
                .row("GET", "/proposals/{proposalId}", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .row("POST", "/proposals/{proposalId}/attachments", null, UNIVERSITY)
                .row("GET", "/proposals/{proposalId}/attachments/{attachmentId}", null, UNIVERSITY, FIRM)
                .row("POST", "/proposals/{proposalId}/submission", null, UNIVERSITY)
                .row("POST", "/proposals/{proposalId}/withdrawal", null, UNIVERSITY)
                .row("POST", "/proposals/{proposalId}/shortlist", null, FIRM)
                .row("POST", "/proposals/{proposalId}/decline", "{\"reason\": \"Over budget\"}", FIRM)
                .row("POST", "/proposals/{proposalId}/negotiation", null, FIRM)
                .verify();
    }
}
