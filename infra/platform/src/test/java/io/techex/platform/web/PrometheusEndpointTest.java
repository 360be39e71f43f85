package io.techex.platform.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.UUID;

import static io.techex.platform.web.Http.UNIVERSITY;
import static io.techex.platform.web.Http.thing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code /actuator/prometheus} and the exchange's own meters that a request or a command moves. */
@WebTest
class PrometheusEndpointTest {

    /** A command only this test handles. */
    record Probe(String outcome) {
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @Autowired
    CommandBus commandBus;

    @Test
    void theScrapeIsPublicAndCarriesBootsMetersAndTheExchangesTaggedWithTheService() {
        HttpResponse<String> scrape = new Http(port).send(new Http(port).request("/actuator/prometheus").GET());

        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("jvm_memory_used_bytes{", "hikaricp_connections_active{", "http_server_requests_seconds_count{",
                        "techex_relay_lag{", "techex_relay_position{", "techex_deadlines_due{",
                        "techex_deadlines_overdue{", "techex_idempotency_replays_total{", "techex_rate_limit_refusals_total{")
                .contains("application=\"webtest-service\"");
    }

    @Test
    void idempotentReplaysAndRateLimitRefusalsAreCountedFromTheAnswers() {
        Http http = new Http(port);
        double replays = registry.get("techex.idempotency.replays").counter().count();
        double refusals = registry.get("techex.rate.limit.refusals").counter().count();
        String key = "key-" + UUID.randomUUID();
        String reference = "ref-" + UUID.randomUUID();

        http.postJson(UNIVERSITY, "/things", thing(reference, 6), key);
        assertThat(http.postJson(UNIVERSITY, "/things", thing(reference, 6), key).headers()
                .firstValue(IdempotencyKeyFilter.REPLAYED)).hasValue("true");
        assertThat(http.postJson(UNIVERSITY, "/things/refused-once/429", thing("ref-" + UUID.randomUUID(), 6), null)
                .statusCode()).isEqualTo(429);

        assertThat(registry.get("techex.idempotency.replays").counter().count()).isEqualTo(replays + 1);
        assertThat(registry.get("techex.rate.limit.refusals").counter().count()).isEqualTo(refusals + 1);
    }

    @Test
    void commandsAreCountedByTypeAndOutcome() {
        Registration handler = commandBus.subscribe(Probe.class.getName(), (CommandMessage<?> command) -> {
            String outcome = ((Probe) command.getPayload()).outcome();
            return switch (outcome) {
                case "rejected" -> throw RuleViolation.conflict("probe-refused", "refused by the rules");
                case "failed" -> throw new IllegalStateException("the database went away");
                default -> outcome;
            };
        });
        try {
            CommandGateway gateway = DefaultCommandGateway.builder().commandBus(commandBus).build();
            gateway.sendAndWait(new Probe("handled"));
            gateway.sendAndWait(new Probe("handled"));
            assertThatThrownBy(() -> gateway.sendAndWait(new Probe("rejected"))).isInstanceOf(RuleViolation.class);
            assertThatThrownBy(() -> gateway.sendAndWait(new Probe("failed"))).isInstanceOf(IllegalStateException.class);
        } finally {
            handler.cancel();
        }

        assertThat(commands("handled")).isEqualTo(2);
        assertThat(commands("rejected")).isEqualTo(1);
        assertThat(commands("failed")).isEqualTo(1);
    }

    private double commands(String outcome) {
        return registry.get("techex.commands").tag("type", "Probe").tag("outcome", outcome).counter().count();
    }
}
