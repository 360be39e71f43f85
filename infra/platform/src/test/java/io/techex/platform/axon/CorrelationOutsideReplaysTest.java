package io.techex.platform.axon;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationOutsideReplaysTest {

    static final MetaData CARRIED = MetaData.with("traceId", "trace-of-the-request").and("techex.person", "thu");

    @Test
    void aLiveEventAndACommandKeepTheirCorrelation() {
        CorrelationOutsideReplays origin = new CorrelationOutsideReplays(new MessageOriginProvider());
        TrackingToken live = new GlobalSequenceTrackingToken(41);
        Message<?> event = new GenericTrackedEventMessage<>(live, GenericEventMessage.asEventMessage("drafted").andMetaData(CARRIED));
        Message<?> command = new GenericMessage<>("place a bid", CARRIED);

        assertThat(Map.<String, Object>copyOf(origin.correlationDataFor(event)))
                .containsEntry("correlationId", event.getIdentifier()).containsEntry("traceId", "trace-of-the-request");
        assertThat(Map.<String, Object>copyOf(origin.correlationDataFor(command)))
                .containsEntry("correlationId", command.getIdentifier()).containsEntry("traceId", "trace-of-the-request");
    }

    @Test
    void aReplayedEventGivesNothingAndItsMetadataIsNotRead() {
        AtomicInteger asked = new AtomicInteger();
        CorrelationDataProvider reading = message -> {
            asked.incrementAndGet();
            return message.getMetaData();
        };
        CorrelationOutsideReplays provider = new CorrelationOutsideReplays(reading);
        TrackingToken replaying = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(100), new GlobalSequenceTrackingToken(41));
        assertThat(ReplayToken.isReplay(replaying)).isTrue();

        Message<?> replayed = new GenericTrackedEventMessage<>(replaying, GenericEventMessage.asEventMessage("drafted").andMetaData(CARRIED));

        assertThat(provider.correlationDataFor(replayed)).isEmpty();
        assertThat(asked).hasValue(0);
    }

    @Test
    void everyProviderOfTheApplicationIsWrappedOnce() {
        CorrelationOutsideReplays wrapped = new CorrelationOutsideReplays(message -> Map.of());
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ReplayCorrelationConfiguration.class))
                .withBean("messageOriginProvider", CorrelationDataProvider.class, MessageOriginProvider::new)
                .withBean("alreadyWrapped", CorrelationDataProvider.class, () -> wrapped)
                .run(context -> {
                    assertThat(context.getBeansOfType(CorrelationDataProvider.class).values())
                            .hasSize(2)
                            .allSatisfy(provider -> assertThat(provider).isInstanceOf(CorrelationOutsideReplays.class));
                    assertThat(context.getBean("alreadyWrapped")).as("not wrapped a second time").isSameAs(wrapped);
                });
    }
}
