package io.techex.testkit.sample;

import javax.sql.DataSource;

import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second context: another database, named after the application, even when the test class declares its own
 * {@code @ContextConfiguration}.
 */
@IntegrationTest
@ContextConfiguration(classes = SampleApplication.class)
@TestPropertySource(properties = "spring.application.name=Sample Bidding")
class NamedApplicationTest {

    @Autowired
    TestEnvironment env;

    @Autowired
    DataSource dataSource;

    @Test
    void itsDatabaseIsNamedAfterTheApplicationAndItsOwn() {
        assertThat(env.databaseName()).contains("_sample_bidding_");
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT current_database()", String.class))
                .isEqualTo(env.databaseName());
    }
}
