package io.techex.testkit.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The smallest web application with a DataSource, to run {@code @IntegrationTest} against. It is no TechEx service:
 * Spring Security, on the kit's classpath for its authorization server, stays out of it.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"})
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
