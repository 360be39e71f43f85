package io.techex.testkit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each architecture rule fails on the kind of code it is there to keep out, and passes a module built as the exchange
 * builds its services. The sample modules ({@code io.techex.testkit.samples}) stand for services under their own root.
 */
class TechExArchitectureTest {

    private static final String SAMPLES = "io.techex.testkit.samples";
    private static final TechExArchitecture RULES = new TechExArchitecture(SAMPLES);
    private static final JavaClasses CLASSES = TechExArchitecture.importPackages(location -> true, SAMPLES);

    @Test
    void aModuleBuiltAsTheServicesAreKeepsEveryRule() {
        assertThat(RULES.rules()).hasSize(6);
        RULES.rules().forEach((name, rule) ->
                assertThatCode(() -> rule.check(module("tidy"))).as(name).doesNotThrowAnyException());
    }

    @Test
    void aServiceUsingAnotherServicesClassesBreaksTheModuleRule() {
        assertViolated(RULES.modulesDependOnlyOnWhatTheyMay(), "trespassing",
                "module trespassing may not use module bystander", "Order");
    }

    @Test
    void twoFeaturesUsingEachOtherBreakTheCycleRule() {
        assertViolated(RULES.featuresFreeOfCycles(), "cycling", "Cycle detected: Slice cycling - one", "Slice cycling - two");
    }

    @Test
    void anAggregateReachingAWebTypeAndACommandHandlerUsingKafkaBreakTheDomainRule() {
        assertViolated(RULES.domainFreeOfWebAndKafka(), "webbed",
                "webbed.orders.Order reaches org.springframework.http.HttpStatus",
                "calls method <" + SAMPLES + ".webbed.orders.OrderRules.check",
                "webbed.orders.OrderShipping reaches org.apache.kafka.clients.producer.ProducerRecord");
    }

    @Test
    void aPublicEventBesideItsAggregateBreaksTheApiRule() {
        assertViolated(RULES.publicEventsInApi(), "stray", "Class <" + SAMPLES + ".stray.orders.OrderPlaced> does not reside");
    }

    @Test
    void aPublicEventCarryingAFeaturesTypeBreaksTheSelfContainedApiRule() {
        assertViolated(RULES.apiSelfContained(), "leaky", "has type <" + SAMPLES + ".leaky.orders.Carrier>");
    }

    @Test
    void aControllerChangingAnAggregateOrReadingTheEventStoreBreaksTheControllerRule() {
        assertViolated(RULES.controllersKeepOutOfAggregates(), "meddling",
                "calls method <" + SAMPLES + ".meddling.orders.Order.cancel()>",
                "calls constructor <" + SAMPLES + ".meddling.orders.Order.<init>()>",
                "EventStore");
        assertThatThrownBy(() -> RULES.controllersKeepOutOfAggregates().check(module("meddling")))
                .message().doesNotContain("Order.idOf");
    }

    private static void assertViolated(ArchRule rule, String module, String... messages) {
        assertThatThrownBy(() -> rule.check(module(module))).isInstanceOf(AssertionError.class)
                .message().contains(messages);
    }

    private static JavaClasses module(String name) {
        return CLASSES.that(resideInAPackage(SAMPLES + "." + name + ".."));
    }
}
