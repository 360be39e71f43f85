package io.techex.audit.log;

import io.techex.platform.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * For every partition of the topics the log is built from: how far the broker has it (end offset, committed
 * records only) and how far the trail recorder's consumer group has committed it.
 */
@Component
class ConsumedPartitions implements DisposableBean {

    /** How one partition stands: its end when asked, and the consumer group's committed offset asked after it. */
    record Position(TopicPartition partition, long end, long committed) {
        /**
         * Whether every record the broker had was processed, given the offset of the last record of this partition the
         * trail holds ({@code null}: none). Records are processed in a partition's order, so a record in the trail
         * proves the ones before it were processed; the committed offset, which the consumer moves at its interval,
         * covers a partition whose last records were duplicates or poison, which leave nothing in the trail.
         */
        boolean caughtUp(Long lastRecorded) {
            return committed >= end || lastRecorded != null && lastRecorded + 1 >= end;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> adminConfig;
    private final List<String> topics;
    private final String group;
    /** Replaced after a failed question: see {@link #positions()}. */
    private Admin admin;

    ConsumedPartitions(KafkaAdmin kafkaAdmin, Topics topics, @Value("${techex.audit.log.consumer:trail}") String consumer) {
        this.adminConfig = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        // a question to a broker that died fails within the round rather than being retried behind it for a minute
        this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
        this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = Admin.create(adminConfig);
        this.topics = topics.consumed();
        this.group = topics.group(consumer);
    }

    /**
     * Where each partition stands. A failed answer replaces the admin client: after a broker is killed, one client
     * went on asking the dead node (and timing out) for over a minute while a new one, bootstrapping from the
     * surviving brokers, had the new leaders and group coordinator at once, and the log stood still meanwhile.
     */
    synchronized List<Position> positions() {
        try {
            return askKafka();
        } catch (IllegalStateException e) {
            Admin failed = admin;
            admin = Admin.create(adminConfig);
            failed.close(Duration.ZERO);
            throw e;
        }
    }

    private List<Position> askKafka() {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.values().forEach(topic -> topic.partitions().forEach(
                    partition -> latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            // the end the consumer can reach with its isolation (read_uncommitted, EventConsumerConfiguration)
            var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            // asked after the ends: a committed offset at or past an end proves everything before it was processed
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return latest.keySet().stream()
                    .map(partition -> {
                        OffsetAndMetadata offset = committed.get(partition);
                        return new Position(partition, ends.get(partition).offset(), offset == null ? 0 : offset.offset());
                    })
                    .toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking Kafka for the consumed partitions", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not say where the consumed partitions stand: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
