package io.techex.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Synthetic stacks, innermost frame first, as a bid's request thread and the exchange's other threads show them. */
class StagesTest {

    private static final String REQUEST = "http-nio-127.0.0.1-auto-2-exec-3";

    /** What every bid's request thread has below the frames that name a stage: Tomcat, the filters, the command bus. */
    private static final List<String> BID_REQUEST = List.of(
            "org.axonframework.commandhandling.SimpleCommandBus.dispatch",
            "io.techex.platform.actor.ActingCommandGateway.send",
            "io.techex.bidding.auction.AuctionController.bid",
            "org.springframework.web.servlet.DispatcherServlet.doDispatch",
            "io.techex.platform.security.WriteRateLimitFilter.doFilterInternal",
            "io.techex.platform.web.IdempotencyKeyFilter.doFilterInternal",
            "org.springframework.security.web.FilterChainProxy.doFilter",
            "org.apache.catalina.core.ApplicationFilterChain.doFilter",
            "org.apache.coyote.http11.Http11Processor.service",
            "java.lang.Thread.run");

    private static List<String> onTopOf(List<String> below, String... top) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(top), below.stream()).toList();
    }

    @Test
    void theJdbcDriverUnderTheEventStoresAppendIsTheAppendNotTheRequestAroundIt() {
        assertThat(Stages.attribute(REQUEST, onTopOf(BID_REQUEST,
                "org.postgresql.core.v3.QueryExecutorImpl.execute",
                "org.postgresql.jdbc.PgPreparedStatement.executeBatch",
                "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.appendEvents",
                "org.axonframework.messaging.unitofwork.AbstractUnitOfWork.commit")))
                .isEqualTo(Stages.APPEND);
    }

    @Test
    void theCommitIsItsOwnStageAndTheAggregatesLoadIsNotTheCommandHandler() {
        assertThat(Stages.attribute(REQUEST, onTopOf(BID_REQUEST,
                "org.postgresql.jdbc.PgConnection.commit",
                "com.zaxxer.hikari.pool.ProxyConnection.commit",
                "org.springframework.jdbc.datasource.DataSourceTransactionManager.doCommit")))
                .isEqualTo(Stages.COMMIT);
        assertThat(Stages.attribute(REQUEST, onTopOf(BID_REQUEST,
                "org.postgresql.jdbc.PgResultSet.next",
                "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.fetchDomainEvents",
                "org.axonframework.eventsourcing.EventSourcingRepository.doLoadWithLock",
                "org.axonframework.modelling.command.AbstractRepository.load")))
                .isEqualTo(Stages.LOAD);
        assertThat(Stages.attribute(REQUEST, onTopOf(BID_REQUEST,
                "io.techex.bidding.auction.Auction.handle",
                "org.axonframework.modelling.command.inspection.AnnotatedAggregate.handle")))
                .isEqualTo(Stages.COMMAND);
    }

    @Test
    void theFloorsReadOfAnAuctionIsItsViewNotCommandHandling() {
        List<String> read = List.of(
                "io.techex.bidding.auction.AuctionController.get",
                "org.springframework.web.servlet.DispatcherServlet.doDispatch",
                "org.apache.coyote.http11.Http11Processor.service",
                "java.lang.Thread.run");
        assertThat(Stages.attribute(REQUEST, onTopOf(read,
                "org.postgresql.jdbc.PgPreparedStatement.executeQuery",
                "org.springframework.jdbc.core.JdbcTemplate.query",
                "io.techex.bidding.auction.AuctionViews.find")))
                .isEqualTo(Stages.VIEW_READ);
        assertThat(Stages.attribute(REQUEST, onTopOf(BID_REQUEST,
                "io.techex.bidding.auction.Auction.handle")))
                .isEqualTo(Stages.COMMAND);
    }

    @Test
    void redisUnderTheFiltersIsIdempotencyAndTokenDecodingIsTokenValidationThoughBothSitUnderTheSameFilters() {
        List<String> filters = BID_REQUEST.subList(4, BID_REQUEST.size());
        assertThat(Stages.attribute(REQUEST, onTopOf(filters,
                "redis.clients.jedis.Protocol.read", "redis.clients.jedis.UnifiedJedis.eval")))
                .isEqualTo(Stages.IDEMPOTENCY);
        assertThat(Stages.attribute(REQUEST, onTopOf(filters,
                "com.nimbusds.jose.crypto.RSASSAVerifier.verify",
                "org.springframework.security.oauth2.jwt.NimbusJwtDecoder.decode")))
                .isEqualTo(Stages.TOKEN);
        assertThat(Stages.attribute(REQUEST, onTopOf(filters,
                "com.fasterxml.jackson.databind.ObjectMapper.writeValue",
                "org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter.writeInternal",
                "org.springframework.web.servlet.DispatcherServlet.doDispatch",
                "org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter.doFilterInternal")))
                .as("the answer's JSON is the request's, though the filters and the bearer token filter are below it")
                .isEqualTo(Stages.HTTP);
        assertThat(Stages.attribute(REQUEST, onTopOf(filters,
                "java.security.MessageDigest.digest",
                "io.techex.platform.web.IdempotencyKeyFilter.fingerprint")))
                .as("the filter's own work")
                .isEqualTo(Stages.IDEMPOTENCY);
        assertThat(Stages.attribute(REQUEST, List.of("java.util.HashMap.get")))
                .as("a request thread's frames that name nothing are still the request's")
                .isEqualTo(Stages.HTTP);
    }

    @Test
    void backgroundThreadsGoByTheirThreadOrTheirFrames() {
        assertThat(Stages.attribute("WorkPackage[bidding-views]-0", List.of(
                "org.postgresql.jdbc.PgConnection.commit",
                "io.techex.bidding.auction.AuctionProjection.on",
                "org.axonframework.eventhandling.pooled.WorkPackage.processEvents")))
                .isEqualTo(Stages.PROCESSOR + "bidding-views");
        assertThat(Stages.attribute("WorkPackage[bidding-views]-0", List.of(
                "redis.clients.jedis.Connection.executeCommand",
                "io.techex.bidding.board.LiveBoards.refresh",
                "org.axonframework.eventhandling.pooled.WorkPackage.processEvents")))
                .isEqualTo(Stages.BOARD);
        assertThat(Stages.attribute("WorkPackage[kafka-relay]-2", List.of(
                "org.postgresql.jdbc.PgConnection.commit",
                "org.axonframework.eventhandling.pooled.WorkPackage.processEvents")))
                .as("the relay's token commit is the relay's")
                .isEqualTo(Stages.RELAY);
        assertThat(Stages.attribute("audit-trail-0-C-1", List.of(
                "org.postgresql.jdbc.PgConnection.commit",
                "io.techex.audit.trail.TrailRecorder.on",
                "org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.run")))
                .isEqualTo(Stages.CONSUMER + "audit-trail");
        assertThat(Stages.attribute("data-plane-kafka-request-handler-1", List.of(
                "org.apache.kafka.common.record.MemoryRecords.writeTo",
                "kafka.server.KafkaApis.handleProduceRequest")))
                .isEqualTo(Stages.BROKER);
        assertThat(Stages.attribute("kafka-producer-network-thread | producer-1", List.of(
                "org.apache.kafka.clients.NetworkClient.poll")))
                .isEqualTo(Stages.KAFKA_CLIENT);
        assertThat(Stages.attribute("EmbeddedEventStore-0", List.of(
                "org.postgresql.jdbc.PgResultSet.next",
                "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.fetchTrackedEvents",
                "org.axonframework.eventsourcing.eventstore.EmbeddedEventStore$EventProducer.run")))
                .as("the store's read-ahead for the processors is no aggregate's load")
                .isEqualTo(Stages.STORE_READER);
        assertThat(Stages.attribute("", List.of())).isEqualTo(Stages.OTHER);
    }

    @Test
    void theJvmsOwnThreadsAreToldApartByTheirShortNamesAndApplicationThreadsAreNot() {
        assertThat(Stages.jvmThreadKind("GC Thread#0")).isEqualTo("GC");
        assertThat(Stages.jvmThreadKind("G1 Conc#0")).isEqualTo("GC");
        assertThat(Stages.jvmThreadKind("C2 CompilerThre")).isEqualTo("JIT");
        assertThat(Stages.jvmThreadKind("JFR Recorder Th")).isEqualTo("JFR");
        assertThat(Stages.jvmThreadKind("VM Thread")).isEqualTo("JVM");
        assertThat(Stages.jvmThreadKind("http-nio-127.0.")).isNull();
        assertThat(Stages.jvmThreadKind("WorkPackage[bid")).isNull();
    }

    @Test
    void threadsAreGroupedWithTheirNumbersFoldedAndTheServicesRequestThreadsAsOne() {
        assertThat(Breakdown.threadGroup(REQUEST)).isEqualTo("http-nio exec-#");
        assertThat(Breakdown.threadGroup("http-nio-127.0.0.1-8082-exec-10")).isEqualTo("http-nio exec-#");
        assertThat(Breakdown.threadGroup("WorkPackage[kafka-relay]-3")).isEqualTo("WorkPackage[kafka-relay]-#");
    }
}
