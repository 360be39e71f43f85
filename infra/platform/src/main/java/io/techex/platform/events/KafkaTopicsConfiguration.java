package io.techex.platform.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Names this service's topics and makes sure they exist, as safe as configured ({@link TopicSafety}): its own events
 * topic, its dead-letter topic and the topics it consumes (so a consumer can start before the producer ever ran).
 * The check runs once every bean exists and before any starts, so neither the relay nor a consumer touches a topic
 * that is refused.
 */
@AutoConfiguration
public class KafkaTopicsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopicsConfiguration.class);

    @Bean
    Topics topics(@Value("${techex.namespace:}") String namespace,
                  @Value("${techex.service.name}") String service,
                  @Value("${techex.kafka.consumes:}") List<String> consumes,
                  TopicSafety topicSafety) {
        return new Topics(namespace, service, consumes.stream().filter(s -> !s.isBlank()).toList(),
                topicSafety.partitions(), topicSafety.replicationFactor());
    }

    @Bean
    TopicSafety topicSafety(@Value("${techex.kafka.topics.partitions:6}") int partitions,
                            @Value("${techex.kafka.topics.replication-factor:1}") short replicationFactor,
                            @Value("${techex.kafka.topics.min-insync-replicas:1}") int minInsyncReplicas,
                            @Value("${techex.kafka.topics.check-timeout:30s}") String timeout) {
        // Parsed here, as Boot's binder would ("30s", "PT30S"): a bare context has no converter to Duration
        return new TopicSafety(partitions, replicationFactor, minInsyncReplicas,
                DurationStyle.detectAndParse(timeout));
    }

    /**
     * First asks the cluster for its nodes within {@code techex.kafka.topics.reach-timeout}: a broker that is there
     * answers in milliseconds, so one that does not is taken as absent and the check skipped at once (logged) instead
     * of after the check's own, longer timeout. The service then starts without Kafka, which it can: the event store
     * keeps the events until the relay gets them out (health {@code kafkaRelay}).
     */
    @Bean
    SmartInitializingSingleton techexTopicsCheck(Topics topics, TopicSafety topicSafety, KafkaAdmin kafkaAdmin,
                                                 @Value("${techex.kafka.topics.reach-timeout:5s}") String reachTimeout) {
        Duration reach = DurationStyle.detectAndParse(reachTimeout);
        return () -> {
            var names = new LinkedHashSet<String>();
            names.add(topics.events());
            names.add(topics.deadLetters());
            names.addAll(topics.consumed());
            var config = new HashMap<String, Object>(kafkaAdmin.getConfigurationProperties());
            // Within the check's own timeout, so an absent broker costs that long and no longer
            int millis = (int) Math.min(Integer.MAX_VALUE, topicSafety.timeout().toMillis());
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 30_000));
            try (Admin admin = Admin.create(config)) {
                if (reachable(admin, reach)) {
                    topicSafety.ensure(admin, names);
                } else {
                    log.warn("Kafka ({}) did not answer within {}: topics {} neither created nor checked at start; events"
                            + " wait in the event store until the relay reaches it", config.get(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG), reach, names);
                }
            }
        };
    }

    private static boolean reachable(Admin admin, Duration within) {
        int millis = (int) Math.min(Integer.MAX_VALUE, within.toMillis());
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes()
                    .get(millis + 1000L, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while looking for Kafka", e);
        }
    }
}
