/**
 * Real PostgreSQL, Kafka and Redis for TechEx tests and the local launcher.
 *
 * <ul>
 *   <li>{@link io.techex.testkit.TestInfrastructure}: the JVM's services (from the environment, Testcontainers, or
 *       local services and an in-process broker) and a fresh {@link io.techex.testkit.TestEnvironment} per context;</li>
 *   <li>{@link io.techex.testkit.IntegrationTest}: a Spring Boot test in its own environment;</li>
 *   <li>{@link io.techex.testkit.InProcessKafkaBroker}: a real KRaft broker in this JVM that survives restarts;</li>
 *   <li>{@link io.techex.testkit.KafkaRecords}: what a topic holds, awaited without sleeping.</li>
 * </ul>
 */
package io.techex.testkit;
