package io.techex.platform.axon;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Axon 4.13's JDBC auto-configuration waits for Hibernate's, which is absent without JPA, and its transaction
 * auto-configuration names Boot 3's classes. This empty class sits between Boot 4's JDBC/transaction
 * auto-configurations and Axon's, so Axon sees the DataSource and the transaction manager when it decides.
 */
@AutoConfiguration(
        afterName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"},
        beforeName = {
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.AxonAutoConfiguration"})
public class AxonOnBoot4Ordering {
}
