package io.techex.testkit.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import javax.sql.DataSource;

import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TechExTestInitializer;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@TestPropertySource(properties = {
        "techex.namespace=from-test-properties",
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere"})
class IntegrationTestAnnotationTest {

    @Autowired
    TestEnvironment env;

    @Autowired
    DataSource dataSource;

    @Autowired
    ConfigurableEnvironment springEnvironment;

    @LocalServerPort
    int port;

    @Test
    void theDataSourceUsesTheContextsFreshDatabase() {
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT current_database()", String.class))
                .isEqualTo(env.databaseName());
        assertThat(env.databaseName()).startsWith("techex_t_").contains("_app_");
    }

    @Test
    void theApplicationServesOnARandomPortFromThatDatabase() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/database")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(env.databaseName());
        }
    }

    @Test
    void theKitsPropertiesWinOverTheTestsOwn() {
        List<String> sources = springEnvironment.getPropertySources().stream().map(PropertySource::getName).toList();
        assertThat(sources.indexOf(TechExTestInitializer.PROPERTY_SOURCE_NAME))
                .isNotNegative()
                .isLessThan(sources.indexOf("Inlined Test Properties"));
        assertThat(springEnvironment.getProperty("techex.namespace")).isEqualTo(env.namespace());
        assertThat(springEnvironment.getProperty("spring.datasource.url")).isEqualTo(env.jdbcUrl());
        assertThat(springEnvironment.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(TestInfrastructure.get().kafkaBootstrapServers());
        assertThat(springEnvironment.getProperty("techex.redis.port", Integer.class)).isEqualTo(env.redisPort());
    }
}
