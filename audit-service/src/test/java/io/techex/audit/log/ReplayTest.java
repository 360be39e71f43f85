package io.techex.audit.log;

import io.cloudevents.CloudEvent;
import io.techex.audit.AuditServiceApplication;
import io.techex.audit.AuditTestSupport;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding the log: a second audit-service with an empty database reads every topic from the beginning, receives
 * the partitions interleaved differently, and arrives at the same leaves and the same root.
 */
@IntegrationTest
// a context of its own (hence its own topics): the replay sends poison messages to the dead-letter topic a second time
@TestPropertySource(properties = "techex.audit.log.consumer=trail")
class ReplayTest {

    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;
    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LogTree tree;
    @Autowired
    TestEnvironment env;

    @Test
    void replayingEveryTopicFromTheBeginningIntoAFreshDatabaseRebuildsTheSameRoot() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            String asset = UUID.randomUUID().toString();
            CloudEvent event = AuditTestSupport.ofEachService(i, asset);
            String service = event.getType().split("\\.")[2];
            kafka.send(topics.eventsOf(service), asset, event).join();
            if (i % 10 == 0) {
                // a relay that sent again after a lost acknowledgement: one entry, on replay too
                kafka.send(topics.eventsOf(service), asset, event).join();
            }
            ids.add(event.getId());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM log_leaf WHERE event_id = ANY(?)", Integer.class, (Object) ids.toArray(String[]::new)) == ids.size());
        long size = tree.size();
        byte[] root = tree.current().root(size);

        TestEnvironment fresh = TestInfrastructure.get().newEnvironment("replay");
        Map<String, Object> properties = new LinkedHashMap<>(fresh.springProperties());
        properties.put("techex.namespace", env.namespace()); // the same topics
        properties.put("techex.audit.log.consumer", "replay"); // its own consumer group, from offset 0
        properties.put("techex.audit.log.settle", "500ms");
        properties.put("techex.audit.log.sequence-interval", "200ms");
        properties.put("server.port", 0);
        String[] arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext replay = new SpringApplicationBuilder(AuditServiceApplication.class)
                .properties("spring.config.name=" + AuditServiceApplication.CONFIG_NAME)
                .run(arguments)) {
            LogTree rebuilt = replay.getBean(LogTree.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> rebuilt.size() >= size);
            assertThat(rebuilt.size()).isEqualTo(size);
            assertThat(rebuilt.current().root(size)).isEqualTo(root);
            JdbcTemplate replayed = new JdbcTemplate(replay.getBean(javax.sql.DataSource.class));
            assertThat(replayed.queryForList("SELECT event_id FROM log_leaf ORDER BY leaf_index", String.class))
                    .isEqualTo(jdbc.queryForList("SELECT event_id FROM log_leaf ORDER BY leaf_index", String.class));
        }
    }
}
