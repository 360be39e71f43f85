package io.techex.platform.consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the event consumers ask of the broker unless the service's properties say otherwise. */
class ConsumerSettingsTest {

    @Test
    void aFetchWaitsFor16KbOr20MsAndNoLonger() {
        Map<String, Object> config = new EventConsumerConfiguration().cloudEventConsumerFactory(new KafkaProperties())
                .getConfigurationProperties();

        assertThat(config).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 16 * 1024)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }

    @Test
    void theServicesPropertiesOverrideBoth() {
        KafkaProperties properties = new KafkaProperties();
        properties.getConsumer().setFetchMinSize(DataSize.ofBytes(1));
        properties.getConsumer().setFetchMaxWait(Duration.ofMillis(500));

        Map<String, Object> config = new EventConsumerConfiguration().cloudEventConsumerFactory(properties)
                .getConfigurationProperties();

        assertThat(config).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
    }
}
