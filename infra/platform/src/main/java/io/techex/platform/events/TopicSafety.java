package io.techex.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a service's topics with the configured partitions, replication factor and {@code min.insync.replicas}, and
 * refuses a topic that exists already but keeps fewer copies than configured: with {@code acks=all}, a record is
 * acknowledged once {@code min.insync.replicas} replicas hold it, so a topic with one replica, or a lower minimum,
 * loses acknowledged events when a broker dies however carefully the producer sends.
 *
 * <p>A broker that does not answer within the timeout is not a refusal (the outbox keeps the events until Kafka is
 * back, see the relay): the check is logged as skipped. Partitions are never added to an existing topic, since that
 * would move keys to other partitions and break their order; a different count is logged.
 *
 * @param partitions        partitions of a topic created here
 * @param replicationFactor replicas of a topic created here, and the fewest an existing topic may have
 * @param minInsyncReplicas {@code min.insync.replicas} of a topic created here, and the lowest an existing one may have
 * @param timeout           how long to wait for the broker
 */
public record TopicSafety(int partitions, short replicationFactor, int minInsyncReplicas, Duration timeout) {

    private static final Logger log = LoggerFactory.getLogger(TopicSafety.class);
    private static final Duration CONFIG_RETRY = Duration.ofMillis(100);

    public TopicSafety {
        if (partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1) {
            throw new IllegalArgumentException("techex.kafka.topics: partitions (" + partitions
                    + "), replication-factor (" + replicationFactor + ") and min-insync-replicas ("
                    + minInsyncReplicas + ") must each be at least 1");
        }
        if (minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("techex.kafka.topics.min-insync-replicas (" + minInsyncReplicas
                    + ") exceeds replication-factor (" + replicationFactor + "): no write with acks=all could succeed");
        }
    }

    /**
     * Creates the missing topics among {@code names} and checks the others.
     *
     * @throws UnsafeTopicException when a topic exists with fewer replicas or a lower {@code min.insync.replicas} than
     *                              configured, or cannot be created as configured (fewer brokers than replicas, say)
     */
    public void ensure(Admin admin, Collection<String> names) {
        try {
            Map<String, TopicDescription> existing = describe(admin, names);
            List<String> missing = names.stream().filter(n -> !existing.containsKey(n)).distinct().toList();
            Map<String, TopicDescription> created = new LinkedHashMap<>();
            if (!missing.isEmpty()) {
                create(admin, missing);
                created.putAll(describe(admin, missing));
                existing.putAll(created);
            }
            check(admin, existing);
            awaitPartitionsOpen(admin, missing, created);
        } catch (TimeoutException e) {
            log.warn("Kafka did not answer within {}: topics {} neither created nor checked at start", timeout, names);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking Kafka topics " + names, e);
        }
    }

    private Map<String, TopicDescription> describe(Admin admin, Collection<String> names)
            throws InterruptedException, TimeoutException {
        Map<String, TopicDescription> found = new LinkedHashMap<>();
        var futures = admin.describeTopics(names).topicNameValues();
        for (var entry : futures.entrySet()) {
            try {
                found.put(entry.getKey(), entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw timeoutElseRefuse(e, "Cannot describe Kafka topic " + entry.getKey());
                }
            }
        }
        return found;
    }

    private void create(Admin admin, List<String> names) throws InterruptedException, TimeoutException {
        List<NewTopic> topics = names.stream()
                .map(name -> new NewTopic(name, partitions, replicationFactor)
                        .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas))))
                .toList();
        for (var entry : admin.createTopics(topics).values().entrySet()) {
            try {
                entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Created Kafka topic {}: {} partitions, {} replicas, min.insync.replicas {}", entry.getKey(),
                        partitions, replicationFactor, minInsyncReplicas);
            } catch (ExecutionException e) {
                // Another instance or service created it meanwhile: it is checked like any existing topic
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new UnsafeTopicException("Cannot create Kafka topic " + entry.getKey() + " with "
                            + replicationFactor + " replicas and min.insync.replicas " + minInsyncReplicas
                            + " (techex.kafka.topics.*): " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
    }

    /**
     * Waits until the leader of every partition just created has opened it. The controller acknowledges a topic before
     * the brokers have applied it, and a write in that moment is refused (NOT_LEADER_OR_FOLLOWER); an idempotent
     * producer whose first request to a partition is refused while its next is taken can never write the first one's
     * records (its retries are out of sequence, KAFKA-15591, fixed after the Kafka this build uses): they wait out the
     * delivery timeout. Asking each partition's leader for its end offset, which the admin client retries until the
     * leader answers, waits for exactly that. A broker too slow for it is logged, not refused: the relay retries.
     */
    private void awaitPartitionsOpen(Admin admin, List<String> missing, Map<String, TopicDescription> created)
            throws InterruptedException {
        // every topic this start created, described or not: a topic just created can still be unknown to the broker
        // that answers the description (describe leaves it out), and its partitions are the ones least likely open
        Map<TopicPartition, OffsetSpec> open = new LinkedHashMap<>();
        for (String topic : missing) {
            int count = created.containsKey(topic) ? created.get(topic).partitions().size() : partitions;
            for (int partition = 0; partition < count; partition++) {
                open.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
        }
        if (open.isEmpty()) {
            return;
        }
        try {
            admin.listOffsets(open).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Kafka topics {} created, but not every partition's leader answered within {}: {}",
                    missing, timeout, e.getCause() == null ? e.toString() : e.getCause().toString());
        }
    }

    private void check(Admin admin, Map<String, TopicDescription> topics)
            throws InterruptedException, TimeoutException {
        List<ConfigResource> resources = topics.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = describeConfigs(admin, resources, topics.keySet());
        List<String> refusals = new ArrayList<>();
        for (TopicDescription topic : topics.values()) {
            int replicas = topic.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
            if (replicas < replicationFactor) {
                refusals.add(topic.name() + " has " + replicas + " replicas, " + replicationFactor
                        + " are configured (techex.kafka.topics.replication-factor)");
            }
            int minIsr = Optional.ofNullable(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name())))
                    .map(c -> c.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG))
                    .map(ConfigEntry::value)
                    .map(Integer::parseInt)
                    .orElse(1);
            if (minIsr < minInsyncReplicas) {
                refusals.add(topic.name() + " has min.insync.replicas " + minIsr + ", " + minInsyncReplicas
                        + " is configured (techex.kafka.topics.min-insync-replicas)");
            }
            if (topic.partitions().size() != partitions) {
                log.info("Kafka topic {} has {} partitions, {} configured: left as it is, adding would reorder keys",
                        topic.name(), topic.partitions().size(), partitions);
            }
        }
        if (!refusals.isEmpty()) {
            throw new UnsafeTopicException("Refusing to run on Kafka topics less safe than configured, where a "
                    + "broker's loss could lose acknowledged events: " + String.join("; ", refusals)
                    + ". Raise the topics' replication (kafka-reassign-partitions) and min.insync.replicas "
                    + "(kafka-configs), or configure what they have.", null);
        }
    }

    private Map<ConfigResource, Config> describeConfigs(Admin admin, List<ConfigResource> resources,
                                                        Collection<String> names)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // A topic created a moment ago may not have reached the broker that answers yet (another node of a
                // cluster): it will within moments
                if (e.getCause() instanceof UnknownTopicOrPartitionException && System.nanoTime() < deadline) {
                    Thread.sleep(CONFIG_RETRY.toMillis());
                    continue;
                }
                throw timeoutElseRefuse(e, "Cannot read the configuration of Kafka topics " + names);
            }
        }
    }

    /** A broker that did not answer in time is a timeout, as in {@link #ensure}; any other failure a refusal. */
    private static TimeoutException timeoutElseRefuse(ExecutionException e, String message) {
        if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
            TimeoutException timeout = new TimeoutException(message + ": " + e.getCause().getMessage());
            timeout.initCause(e.getCause());
            return timeout;
        }
        throw new UnsafeTopicException(message + ": " + e.getCause().getMessage(), e.getCause());
    }

    /** A topic less safe than configured, or one that cannot be made as configured: the service must not start. */
    public static final class UnsafeTopicException extends IllegalStateException {

        UnsafeTopicException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
