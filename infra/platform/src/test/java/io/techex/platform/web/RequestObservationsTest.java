package io.techex.platform.web;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request is observed once, as http.server.requests (its metrics, its span), and Spring Security adds no
 * observations of its own: those of the chain, the authentication and the authorization of every request cost almost
 * half of an authenticated read's CPU and said nothing the request's own observation and status do not.
 */
@WebTest
class RequestObservationsTest {

    @LocalServerPort
    int port;
    @Autowired
    ObservationRegistry observations;

    @Test
    void anAuthenticatedRequestIsObservedOnceAndSpringSecurityAddsNoObservation() {
        List<String> started = new CopyOnWriteArrayList<>();
        List<String> stopped = new CopyOnWriteArrayList<>();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStart(Observation.Context context) {
                started.add(context.getName());
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context.getName());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        Http http = new Http(port);

        HttpResponse<String> answer = http.send(http.request("/things/whoami")
                .header("Authorization", "Bearer " + TestTokens.get().of(TestTokens.FIRM)).GET());
        HttpResponse<String> refused = http.send(http.request("/things/regulated")
                .header("Authorization", "Bearer " + TestTokens.get().of(TestTokens.FIRM)).GET());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stopped).filteredOn("http.server.requests"::equals).hasSizeGreaterThanOrEqualTo(2));
        assertThat(started).contains("http.server.requests").noneMatch(name -> name.startsWith("spring.security"));
    }
}
