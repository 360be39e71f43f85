package io.techex.testkit.openapi;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The filter hands the request on as it came and the answer back as it was given, and records what strays from the
 * document. Servlet test doubles stand in for Tomcat: the filter's own logic is under test, the services' suites run
 * it for real in front of every answer.
 */
class OpenApiConformanceFilterTest {

    static final String AUCTION = "/auctions/7f3c9a52-3f1e-4d2b-9c61-5b8e2f0a1d4c/bids";
    final OpenApiConformanceFilter filter = new OpenApiConformanceFilter("test-service",
            request -> Optional.of(OpenApiContract.parse(OpenApiContractTest.DOCUMENT)));

    @BeforeEach
    void nothingRecordedYet() {
        OpenApiMismatches.drain();
    }

    @Test
    void theRequestAndTheAnswerPassUnchanged() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(post(AUCTION, "{\"amount\": \"1500000000\"}"), response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse answer) throws java.io.IOException {
                String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                answer.setStatus(201);
                answer.setHeader("Location", "/auctions/a/bids/b1");
                answer.setContentType("application/json");
                answer.getWriter().write(body.replace("{", "{\"bidId\": \"b1\", "));
            }
        }));

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getHeader("Location")).isEqualTo("/auctions/a/bids/b1");
        assertThat(response.getContentAsString()).isEqualTo("{\"bidId\": \"b1\", \"amount\": \"1500000000\"}");
        assertThat(answers()).isEmpty();
    }

    @Test
    void anAnswerOutsideTheDocumentIsRecordedAndStillGivenAsItWas() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(post(AUCTION, "{\"amount\": \"1\"}"), response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse answer) throws java.io.IOException {
                answer.setStatus(201);
                answer.setContentType("application/json");
                answer.getWriter().write("{\"bidId\": \"b1\", \"amount\": 1}");
            }
        }));

        assertThat(response.getContentAsString()).isEqualTo("{\"bidId\": \"b1\", \"amount\": 1}");
        assertThat(answers()).singleElement().satisfies(mismatch -> {
            assertThat(mismatch.service()).isEqualTo("test-service");
            assertThat(mismatch.operation()).isEqualTo("POST /auctions/{auctionId}/bids");
            assertThat(mismatch.status()).isEqualTo(201);
            assertThat(mismatch.problems()).singleElement().asString().contains("/amount");
        });
    }

    @Test
    void anExceptionOnItsWayToTheErrorPageIsCheckedThereNotBefore() throws Exception {
        MockHttpServletRequest request = post(AUCTION, "{\"amount\": \"1\"}");
        assertThatThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest in, HttpServletResponse out) {
                throw new IllegalStateException("a filter further in failed");
            }
        }))).hasMessageContaining("failed");
        assertThat(answers()).isEmpty();

        // the container's error dispatch renders it: checked against the original request's operation
        MockHttpServletRequest errorPage = new MockHttpServletRequest("POST", "/error");
        errorPage.setDispatcherType(DispatcherType.ERROR);
        errorPage.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, AUCTION);
        MockHttpServletResponse rendered = new MockHttpServletResponse();
        filter.doFilter(errorPage, rendered, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest in, HttpServletResponse out) throws java.io.IOException {
                out.setStatus(500);
                out.setContentType("application/problem+json");
                out.getWriter().write("{\"type\": \"https://techex.io/problems/internal-error\", \"status\": 500}");
            }
        }));

        assertThat(rendered.getStatus()).isEqualTo(500);
        assertThat(rendered.getContentAsString()).contains("internal-error");
        assertThat(answers()).singleElement().satisfies(mismatch ->
                assertThat(mismatch.problems()).singleElement().asString().contains("status 500 is not documented"));
    }

    /** What was recorded about answers; the document's own faults (it has some on purpose) are another test's. */
    private static java.util.List<OpenApiMismatches.Mismatch> answers() {
        return OpenApiMismatches.drain().stream().filter(mismatch -> !mismatch.operation().equals("its OpenAPI document")).toList();
    }

    private static MockHttpServletRequest post(String path, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
