package io.techex.platform.consumer;

import io.cloudevents.CloudEvent;
import io.techex.testkit.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.awaitility.Awaitility.await;

/**
 * What the process (producer, the test kit's in-process broker, consumers) spends per event while events arrive at a
 * steady rate and two consumer groups drop them by type, as contract-service and listing-service do with every bid:
 * offsets committed after every poll (the listener container's default, the platform's until 2026-12-08) against at
 * most once per {@link EventConsumerConfiguration#DEFAULT_COMMIT_INTERVAL}, in turn, three rounds each after one
 * unmeasured round of each. Not a test of speed (it asserts nothing about it): run it on its own,
 * {@code ./mvnw -q -pl infra/platform verify -Dtest=OffsetCommitsBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dcommits.rate=300 -Dcommits.seconds=10}), and read what it prints.
 */
class OffsetCommitsBenchmark {

    private static final int RATE = Integer.getInteger("commits.rate", 300);
    private static final int SECONDS = Integer.getInteger("commits.seconds", 10);
    private static final int GROUPS = 2;

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Test
    void cpuPerEventWithACommitAfterEveryPollAgainstOncePerInterval() throws Exception {
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        Duration interval = DurationStyle.detectAndParse(EventConsumerConfiguration.DEFAULT_COMMIT_INTERVAL);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<String, CloudEvent> producer = OffsetCommitsTest.producer(bootstrap)) {
            List<String> lines = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (boolean everyPoll : new boolean[]{true, false}) {
                    Result result = round(admin, producer, bootstrap, everyPoll ? null : interval);
                    String line = String.format("%s %-32s %,7d events %8.1f µs of the process's CPU an event, %,6d commits",
                            round == 0 ? "warm-up " : "round " + round, everyPoll ? "commit after every poll" :
                                    "commit at most every " + interval.toMillis() + " ms", result.events(),
                            result.cpuNanos() / 1_000.0 / result.events(), result.commits());
                    System.out.println(line);
                    lines.add(line);
                }
            }
            System.out.printf("%n%d events/s for %d s a round, %d consumer groups dropping every event, %d cores:%n",
                    RATE, SECONDS, GROUPS, Runtime.getRuntime().availableProcessors());
            lines.forEach(System.out::println);
        }
    }

    private record Result(long events, long cpuNanos, long commits) {
    }

    private Result round(Admin admin, KafkaProducer<String, CloudEvent> producer, String bootstrap, Duration interval)
            throws Exception {
        String topic = "commits-bench-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        AtomicLong received = new AtomicLong();
        List<ConcurrentMessageListenerContainer<String, CloudEvent>> containers = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            String group = "commits-bench-" + UUID.randomUUID();
            groups.add(group);
            ConcurrentMessageListenerContainer<String, CloudEvent> container = container(bootstrap, topic, group, interval);
            container.setupMessageListener((MessageListener<String, CloudEvent>) record -> received.incrementAndGet());
            container.start();
            containers.add(container);
        }
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> containers.stream()
                    .allMatch(container -> container.getAssignedPartitions().size() == 6));
            long events = (long) RATE * SECONDS;
            long cpuBefore = os.getProcessCpuTime();
            long started = System.nanoTime();
            long gap = TimeUnit.SECONDS.toNanos(1) / RATE;
            for (long i = 0; i < events; i++) {
                long wait = started + i * gap - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                producer.send(new ProducerRecord<>(topic, "asset-" + (i % 100), event("e-" + i)));
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> received.get() == events * GROUPS);
            long cpu = os.getProcessCpuTime() - cpuBefore;
            long commits = groups.stream()
                    .mapToLong(group -> OffsetCommitsTest.Counting.COMMITS.getOrDefault(group, new AtomicInteger()).get())
                    .sum();
            return new Result(events, cpu, commits);
        } finally {
            containers.forEach(ConcurrentMessageListenerContainer::stop);
        }
    }

    private static ConcurrentMessageListenerContainer<String, CloudEvent> container(String bootstrap, String topic,
                                                                                    String group, Duration interval) {
        ConcurrentMessageListenerContainer<String, CloudEvent> container = OffsetCommitsTest.container(bootstrap, topic,
                group, interval == null ? DurationStyle.detectAndParse(EventConsumerConfiguration.DEFAULT_COMMIT_INTERVAL)
                        : interval);
        if (interval == null) {
            // as before commitOffsetsEvery: the container's default
            container.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        }
        return container;
    }

    private static CloudEvent event(String id) {
        // about a BidPlaced's size
        return OffsetCommitsTest.event(id, "io.techex.bidding.BidPlaced.v1", "{\"auctionId\":\"" + UUID.randomUUID()
                + "\",\"listingId\":\"" + UUID.randomUUID() + "\",\"bidId\":\"" + UUID.randomUUID()
                + "\",\"bidderOrganisationId\":\"mekong-agri\",\"amount\":{\"amount\":\"1250000000\",\"currency\":\"VND\"},"
                + "\"placedAt\":\"2026-12-08T01:02:03.456Z\"}");
    }
}
