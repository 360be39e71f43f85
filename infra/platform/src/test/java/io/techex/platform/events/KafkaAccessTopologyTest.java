package io.techex.platform.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The declared Kafka access ({@link KafkaAccess}) against what the services' own sources say: the services that
 * configure Kafka, the events each consumes ({@code techex.kafka.consumes}), and that every listener takes its topics
 * and group from the platform's {@link Topics}, which is what the ACLs are made from. Reads the repository's files.
 */
class KafkaAccessTopologyTest {

    /** infra/platform, where Maven runs this module's tests. */
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent().getParent();
    private static final Pattern LISTENER = Pattern.compile("@KafkaListener\\((.*?)\\)\\s*\\n", Pattern.DOTALL);
    private static final Pattern TOPIC_LITERAL = Pattern.compile("\"[^\"]*techex\\.[a-z]+\\.(events|dlt)[^\"]*\"");

    @Test
    void everyServiceConsumesExactlyTheEventsItIsGrantedToRead() throws IOException {
        List<Path> configurations = serviceModules()
                .map(module -> module.resolve("src/main/resources").resolve(module.getFileName() + ".yml"))
                .filter(Files::exists)
                .toList();
        assertThat(configurations).as("services' configurations").isNotEmpty();
        List<String> configured = configurations.stream().map(KafkaAccessTopologyTest::techex)
                .filter(techex -> techex.containsKey("kafka"))
                .map(techex -> {
                    String service = (String) ((Map<?, ?>) techex.get("service")).get("name");
                    Object consumes = ((Map<?, ?>) techex.get("kafka")).get("consumes");
                    List<String> reads = consumes == null ? List.of()
                            : Arrays.stream(consumes.toString().split(",")).map(String::strip).toList();
                    assertThat(reads).as("events %s consumes, as declared in KafkaAccess", service)
                            .containsExactlyInAnyOrderElementsOf(KafkaAccess.of(service).reads());
                    return service;
                })
                .toList();
        assertThat(configured).as("services that use Kafka")
                .containsExactlyInAnyOrderElementsOf(KafkaAccess.SERVICES.stream()
                        .map(KafkaAccess.ServiceAccess::service).toList());
    }

    @Test
    void everyListenerTakesItsTopicsAndGroupFromTheServicesTopicsAndNoCodeNamesATopic() throws IOException {
        List<Path> sources;
        try (Stream<Path> modules = serviceModules()) {
            sources = modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory)
                    .flatMap(KafkaAccessTopologyTest::javaFiles).toList();
        }
        int listeners = 0;
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher listener = LISTENER.matcher(text);
            while (listener.find()) {
                listeners++;
                assertThat(listener.group(1)).as("@KafkaListener in %s", source)
                        .contains("topics = \"#{@topics.consumed()}\"")
                        .contains("groupId = \"#{@topics.group(");
            }
            assertThat(TOPIC_LITERAL.matcher(text).find()).as("a topic named in %s", source).isFalse();
        }
        assertThat(listeners).as("listeners found").isGreaterThanOrEqualTo(KafkaAccess.SERVICES.size());
    }

    private static Stream<Path> serviceModules() throws IOException {
        return Files.list(REPOSITORY).filter(Files::isDirectory)
                .filter(dir -> dir.getFileName().toString().endsWith("-service")
                        || dir.getFileName().toString().equals("web-console"))
                .sorted();
    }

    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code techex} block of the document (a file may hold several, for profiles) that configures Kafka. */
    private static Map<?, ?> techex(Path configuration) {
        try {
            for (Object document : new Yaml().loadAll(Files.readString(configuration))) {
                if (document instanceof Map<?, ?> root && root.get("techex") instanceof Map<?, ?> techex
                        && techex.containsKey("kafka")) {
                    return techex;
                }
            }
            return Map.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
