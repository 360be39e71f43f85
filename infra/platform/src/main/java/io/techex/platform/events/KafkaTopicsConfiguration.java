package io.techex.platform.events;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Names this service's topics and makes sure they exist: its own events topic, its dead-letter topic and the
 * topics it consumes (so a consumer can start before the producer ever ran).
 */
@AutoConfiguration
public class KafkaTopicsConfiguration {

    @Bean
    Topics topics(@Value("${techex.namespace:}") String namespace,
                  @Value("${techex.service.name}") String service,
                  @Value("${techex.kafka.consumes:}") List<String> consumes,
                  @Value("${techex.kafka.partitions:6}") int partitions,
                  @Value("${techex.kafka.replicas:1}") short replicas) {
        return new Topics(namespace, service, consumes.stream().filter(s -> !s.isBlank()).toList(), partitions, replicas);
    }

    @Bean
    KafkaAdmin.NewTopics techexTopics(Topics topics) {
        var names = new LinkedHashSet<String>();
        names.add(topics.events());
        names.add(topics.deadLetters());
        names.addAll(topics.consumed());
        List<NewTopic> newTopics = new ArrayList<>();
        for (String name : names) {
            newTopics.add(TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicas()).build());
        }
        return new KafkaAdmin.NewTopics(newTopics.toArray(NewTopic[]::new));
    }
}
