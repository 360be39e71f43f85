package io.techex.testkit.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The smallest web application with a DataSource, to run {@code @IntegrationTest} against. */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    @RestController
    static class DatabaseController {

        private final JdbcTemplate jdbc;

        DatabaseController(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @GetMapping("/database")
        String database() {
            return jdbc.queryForObject("SELECT current_database()", String.class);
        }
    }
}
