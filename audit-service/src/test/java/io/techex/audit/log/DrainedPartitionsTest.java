package io.techex.audit.log;

import io.cloudevents.CloudEvent;
import io.techex.audit.AuditTestSupport;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trail recorder commits its offsets at the consumers' interval, not after every poll, and the sequencer does not
 * wait for those commits: a partition whose last record is in the trail is drained. With an interval longer than the
 * test, no offset of the group is committed while it runs, yet every event reaches the log within moments of the
 * settle time.
 */
@IntegrationTest
@TestPropertySource(properties = {"techex.audit.log.consumer=drained", "techex.consumer.commit-interval=1h"})
class DrainedPartitionsTest {

    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;
    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestEnvironment env;

    @Test
    void everyEventReachesTheLogWhileTheGroupHasCommittedNothing() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String asset = UUID.randomUUID().toString();
            CloudEvent event = AuditTestSupport.ofEachService(i, asset);
            kafka.send(topics.eventsOf(event.getType().split("\\.")[2]), asset, event).join();
            ids.add(event.getId());
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM log_leaf WHERE event_id = ANY(?)", Integer.class, (Object) ids.toArray(String[]::new)) == ids.size());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrapServers()))) {
            assertThat(admin.listConsumerGroupOffsets(topics.group("drained")).partitionsToOffsetAndMetadata().get())
                    .as("the group's committed offsets: none yet, an hour's interval")
                    .isEmpty();
        }
    }
}
