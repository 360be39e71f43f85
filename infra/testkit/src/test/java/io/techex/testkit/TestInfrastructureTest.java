package io.techex.testkit;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestInfrastructureTest {

    @Test
    void eachEnvironmentHasItsOwnDatabaseAndNamespace() throws SQLException {
        TestEnvironment one = TestInfrastructure.get().newEnvironment("one");
        TestEnvironment two = TestInfrastructure.get().newEnvironment("two");
        assertThat(one.databaseName()).isNotEqualTo(two.databaseName());
        assertThat(one.namespace()).isNotEqualTo(two.namespace());

        try (var connection = DriverManager.getConnection(one.jdbcUrl(), one.username(), one.password());
             var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE only_in_one (id int)");
        }
        try (var connection = DriverManager.getConnection(two.jdbcUrl(), two.username(), two.password());
             var statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM only_in_one")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void databasesIgnoreVietnameseDiacriticsWhenAsked() throws SQLException {
        TestEnvironment env = TestInfrastructure.get().newEnvironment("unaccent");
        try (var connection = DriverManager.getConnection(env.jdbcUrl(), env.username(), env.password());
             var rows = connection.createStatement().executeQuery("SELECT unaccent('điều trị')")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("dieu tri");
        }
    }

    @Test
    void redisAnswers() {
        TestEnvironment env = TestInfrastructure.get().newEnvironment("redis");
        try (var redis = new JedisPooled(env.redisHost(), env.redisPort())) {
            assertThat(redis.ping()).isEqualTo("PONG");
        }
    }
}
