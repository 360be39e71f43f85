package io.techex.console.services;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ListingsProblemTest {

    @Test
    void aProblemNamesItsSlugAndFields() {
        RuntimeException problem = Listings.problem(422, """
                {"type": "https://techex.io/problems/invalid-ip-titles-0-owners", "title": "Unprocessable Content",
                 "status": 422, "detail": "The owners' shares sum to 70 percent, not 100",
                 "errors": [{"field": "ipTitles[0].owners", "message": "The owners' shares sum to 70 percent, not 100"}]}"""
                .getBytes(StandardCharsets.UTF_8));

        assertThat(problem).isInstanceOfSatisfying(ServiceProblem.class, refused -> {
            assertThat(refused.slug()).isEqualTo("invalid-ip-titles-0-owners");
            assertThat(refused.isRefusal()).isTrue();
            assertThat(refused.errors()).extracting(ServiceProblem.FieldError::field).containsExactly("ipTitles[0].owners");
        });
    }

    @Test
    void aServerErrorOrAnAnswerThatIsNoProblemIsNoRefusal() {
        assertThat(Listings.problem(503, new byte[0])).isInstanceOf(ServiceUnavailable.class);
        assertThat(Listings.problem(404, "<html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ServiceProblem.class, p -> assertThat(p.isNotFound()).isTrue());
    }
}
