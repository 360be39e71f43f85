package io.techex.listing.matching;

import io.techex.listing.api.MatchFound;
import io.techex.listing.api.MatchKind;
import io.techex.listing.api.MatchReason;
import io.techex.listing.api.SaleMode;
import io.techex.listing.catalogue.ChooseSaleMode;
import io.techex.listing.catalogue.DraftListing;
import io.techex.listing.catalogue.PublishListing;
import io.techex.listing.catalogue.SubmitListing;
import io.techex.listing.catalogue.VerifyOwnership;
import io.techex.listing.need.DraftNeed;
import io.techex.listing.need.PublishNeed;
import io.techex.testkit.IntegrationTest;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Matching on a market of a few hundred realistic listings and needs ({@link Corpus}): 240 generated listings and 120
 * generated needs in six fields, and 15 hand-written needs, each with the listing that must be its best match (and it
 * the listing's best need), among many of the same field and IPC class sharing words with it; some typed without
 * diacritics, some in English only. Everything goes through the commands, the event store and the processors, as in
 * production. In a context (and database) of its own: the store and every match in it are this test's.
 */
@IntegrationTest
@TestPropertySource(properties = "techex.test.context=matching-corpus")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatchingCorpusTest {

    private static final List<String> PROCESSORS = List.of(MatchingProjection.PROCESSING_GROUP, MatchingPolicy.PROCESSING_GROUP);

    @Autowired
    CommandGateway commands;
    @Autowired
    CommandBus commandBus;
    @Autowired
    Matches matches;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TermExtraction extraction;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final Corpus corpus = new Corpus(2027L, run, Instant.now().plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS));
    final Map<Corpus.Pair, String[]> pairIds = new LinkedHashMap<>();
    int items;

    @BeforeAll
    void aMarket() {
        long started = System.nanoTime();
        List<Corpus.Pair> pairs = corpus.pairs();
        Map<Corpus.Pair, String> listingIds = new LinkedHashMap<>();
        Map<Corpus.Pair, String> needIds = new LinkedHashMap<>();
        corpus.listings(40).forEach(this::publish);
        pairs.stream().filter(Corpus.Pair::listingFirst).forEach(pair -> listingIds.put(pair, publish(pair.listing())));
        corpus.needs(20).forEach(this::publish);
        pairs.forEach(pair -> needIds.put(pair, publish(pair.need())));
        pairs.stream().filter(pair -> !pair.listingFirst()).forEach(pair -> listingIds.put(pair, publish(pair.listing())));
        pairs.forEach(pair -> pairIds.put(pair, new String[]{needIds.get(pair), listingIds.get(pair)}));
        awaitCaughtUp();
        System.out.printf("corpus: %d listings and %d needs published and matched in %.1f s%n",
                open("LISTING"), open("NEED"), (System.nanoTime() - started) / 1e9);
    }

    @Test
    void eachHandWrittenNeedFindsItsListingFirstAndTheListingItsNeed() {
        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder("hand-written pairs (need's best listing, listing's best need):\n");
        pairIds.forEach((pair, ids) -> {
            List<Matches.ListingMatch> forNeed = matches.ofNeed(ids[0], 2);
            List<Matches.NeedMatch> forListing = matches.ofListing(ids[1], 2);
            boolean needRight = !forNeed.isEmpty() && forNeed.getFirst().listingId().equals(ids[1]);
            boolean listingRight = !forListing.isEmpty() && forListing.getFirst().needId().equals(ids[0]);
            table.append(String.format("  %-5s %-5s %.3f (next %.3f) | %.3f (next %.3f)  %s%n", needRight ? "ok" : "WRONG",
                    listingRight ? "ok" : "WRONG", forNeed.isEmpty() ? 0 : forNeed.getFirst().score(),
                    forNeed.size() < 2 ? 0 : forNeed.get(1).score(), forListing.isEmpty() ? 0 : forListing.getFirst().score(),
                    forListing.size() < 2 ? 0 : forListing.get(1).score(), pair.name()));
            if (!needRight) {
                wrong.add(pair.name() + ": the need's best is " + (forNeed.isEmpty() ? "nothing" : forNeed.getFirst()));
            }
            if (!listingRight) {
                wrong.add(pair.name() + ": the listing's best is " + (forListing.isEmpty() ? "nothing" : forListing.getFirst()));
            }
        });
        System.out.print(table);
        assertThat(wrong).isEmpty();

        // and the reasons say why: the first pair, typed without diacritics, met the listing's Vietnamese words
        Matches.ListingMatch best = matches.ofNeed(pairIds.values().iterator().next()[0], 1).getFirst();
        assertThat(best.reasons()).extracting(MatchReason::kind).containsExactly("TEXT", "IPC", "TRL", "DEAL_TYPE", "TERRITORY", "PRICE");
        assertThat(best.reasons().getFirst().detail()).startsWith("Vietnamese text, diacritics ignored").contains("\"tu tinh\"");
        assertThat(best.reasons().get(1).detail()).isEqualTo("C02F matches C02F 1/28");
        assertThat(best.score()).isEqualTo(Scorer.round(best.reasons().stream().mapToDouble(r -> r.score() * r.weight()).sum()));
    }

    @Test
    void matchFoundAnnouncesAFewStrongPairsOnceEach() {
        List<String> announced = jdbc.queryForList("""
                SELECT aggregate_identifier FROM domain_event_entry WHERE payload_type = ?""", String.class,
                MatchFound.class.getName());
        assertThat(announced).doesNotHaveDuplicates();
        int published = open("LISTING") + open("NEED");
        assertThat(announced.size()).as("at most %d per item published", MatchingPolicy.TOP)
                .isLessThanOrEqualTo(MatchingPolicy.TOP * published);
        int strongPairs = 0;
        for (String[] ids : pairIds.values()) {
            double score = matches.ofNeed(ids[0], 1).getFirst().score();
            if (score >= MatchingPolicy.THRESHOLD) {
                strongPairs++;
                assertThat(announced).as("the hand-written pair scoring %s", score).contains(Match.idOf(ids[0], ids[1]));
            }
        }
        int kept = jdbc.queryForObject("SELECT count(*) FROM match_score", Integer.class);
        System.out.printf("MatchFound: %d announced for %d items published (%d of the %d hand-written pairs score %.1f or more); "
                + "%d pairs kept in the read model of %d scored%n", announced.size(), published, strongPairs, pairIds.size(),
                MatchingPolicy.THRESHOLD, kept, open("LISTING") * open("NEED"));
    }

    @Test
    void replayingTheMatchesRebuildsThemAsTheyWereSendsNoCommandAndAddsNoEvent() {
        StreamingEventProcessor projection = processing.eventProcessor(MatchingProjection.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        assertThat(processing.eventProcessor(MatchingPolicy.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow()
                .supportsReset()).as("the policy never replays").isFalse();
        awaitCaughtUp();
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        Map<String, List<Map<String, Object>>> before = readModel();

        List<String> sent = new CopyOnWriteArrayList<>();
        Registration watching = commandBus.registerDispatchInterceptor(dispatched -> (index, command) -> {
            sent.add(command.getPayloadType().getSimpleName());
            return command;
        });
        long started;
        try {
            projection.shutdownAsync().join();
            projection.resetTokens();
            started = System.nanoTime();
            projection.start();
            awaitCaughtUp();
        } finally {
            watching.cancel();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int rescored = open("LISTING") + open("NEED");
        System.out.printf("replay of listing-matching: %d events, %d items put on the market and scored, in %.1f s: "
                + "%.1f ms per item scored against the other side (with every other event's work)%n", events, rescored,
                seconds, seconds * 1000 / rescored);

        assertThat(sent).as("commands sent while replaying").isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(events);
        assertThat(readModel()).isEqualTo(before);
    }

    /**
     * What one change costs: the changed item scored against every open item of the other side (reading them and the
     * term frequencies, weighing and scoring each pair), as both processors do it, timed for needs and listings already
     * on the market. Wall time on a shared machine varies with its load, so the median is quoted, with the JVM's CPU
     * time beside it.
     */
    @Test
    void whatAChangeCosts() {
        awaitCaughtUp();
        Matchmaker matchmaker = new Matchmaker(jdbc, MatchingStore.PROJECTION, extraction);
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String kind : List.of("NEED", "LISTING")) {
            List<String> ids = jdbc.queryForList("SELECT item_id FROM match_item WHERE kind = ? AND open ORDER BY item_id LIMIT 30",
                    String.class, kind);
            List<Long> wall = new ArrayList<>();
            List<Long> cpu = new ArrayList<>();
            int counterparts = 0;
            for (String id : ids) {
                long cpuStarted = threads.getCurrentThreadCpuTime();
                long started = System.nanoTime();
                MatchItem item = matchmaker.find(MatchKind.valueOf(kind), id).orElseThrow();
                counterparts = matchmaker.score(item).size();
                wall.add((System.nanoTime() - started) / 1_000);
                cpu.add((threads.getCurrentThreadCpuTime() - cpuStarted) / 1_000);
            }
            System.out.printf("a %s scored against %d open counterparts: median %.1f ms wall, %.1f ms JVM CPU (%d runs)%n",
                    kind.toLowerCase(), counterparts, median(wall) / 1000.0, median(cpu) / 1000.0, ids.size());
        }
    }

    @Test
    void aChangeIsScoredAgainstTheOtherSideAsItHappens() {
        awaitCaughtUp();
        Corpus later = new Corpus(7L, run + "-late", Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS));
        List<Long> needLatencies = new ArrayList<>();
        for (Corpus.Need need : later.needs(2)) {
            long started = System.nanoTime();
            String needId = publish(need);
            awaitCaughtUp();
            needLatencies.add((System.nanoTime() - started) / 1_000_000);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM match_item WHERE item_id = ? AND open", Integer.class, needId)).isOne();
        }
        List<Long> listingLatencies = new ArrayList<>();
        for (Corpus.Listing listing : later.listings(2)) {
            String listingId = draftedAndVerified(listing);
            long started = System.nanoTime();
            commands.sendAndWait(new PublishListing(listingId, listing.seller(), Instant.now()));
            awaitCaughtUp();
            listingLatencies.add((System.nanoTime() - started) / 1_000_000);
        }
        System.out.printf("from command to matches scored, both processors, on a market of %d listings and %d needs: "
                        + "a need published %s ms (median %d), a listing published %s ms (median %d)%n", open("LISTING"),
                open("NEED"), needLatencies, median(needLatencies), listingLatencies, median(listingLatencies));
        // a withdrawn listing leaves every need's matches at once
        Corpus.Listing gone = later.listings(1).getFirst();
        String goneId = draftedAndVerified(gone);
        commands.sendAndWait(new PublishListing(goneId, gone.seller(), Instant.now()));
        awaitCaughtUp();
        commands.sendAndWait(new io.techex.listing.catalogue.WithdrawListing(goneId, gone.seller(), "Licensed elsewhere"));
        awaitCaughtUp();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM match_score WHERE listing_id = ?", Integer.class, goneId)).isZero();
        assertThat(matches.ofListing(goneId, 10)).isEmpty();
    }

    // ---- the market

    private String publish(Corpus.Listing listing) {
        String listingId = draftedAndVerified(listing);
        commands.sendAndWait(new PublishListing(listingId, listing.seller(), Instant.now()));
        items++;
        return listingId;
    }

    private String draftedAndVerified(Corpus.Listing listing) {
        String listingId = UUID.randomUUID().toString();
        commands.sendAndWait(new DraftListing(listingId, listing.seller(), listing.content()));
        commands.sendAndWait(new SubmitListing(listingId, listing.seller()));
        commands.sendAndWait(new VerifyOwnership(listingId));
        commands.sendAndWait(new ChooseSaleMode(listingId, listing.seller(), SaleMode.NEGOTIATION));
        return listingId;
    }

    private String publish(Corpus.Need need) {
        String needId = UUID.randomUUID().toString();
        commands.sendAndWait(new DraftNeed(needId, need.owner(), need.content()));
        commands.sendAndWait(new PublishNeed(needId, need.owner(), Instant.now()));
        items++;
        return needId;
    }

    private int open(String kind) {
        return jdbc.queryForObject("SELECT count(*) FROM match_item WHERE kind = ? AND open", Integer.class, kind);
    }

    private Map<String, List<Map<String, Object>>> readModel() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        tables.put("match_score", jdbc.queryForList("SELECT need_id, listing_id, score, reasons::text, scored_at FROM match_score ORDER BY 1, 2"));
        tables.put("match_item", jdbc.queryForList("SELECT kind, item_id, owner_organisation_id, open, facts::text, terms, weights, surfaces FROM match_item ORDER BY 1, 2"));
        tables.put("match_term", jdbc.queryForList("SELECT term, df FROM match_term ORDER BY 1"));
        tables.values().forEach(rows -> rows.replaceAll(row -> {
            Map<String, Object> comparable = new LinkedHashMap<>();
            row.forEach((column, value) -> comparable.put(column, value instanceof java.sql.Array array ? arrayText(array) : value));
            return comparable;
        }));
        return tables;
    }

    private static String arrayText(java.sql.Array array) {
        try {
            return java.util.Arrays.toString((Object[]) array.getArray());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Both matching processors have handled every event in the store. */
    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> {
            long head = jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
            return PROCESSORS.stream().map(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow())
                    .allMatch(processor -> !processor.processingStatus().isEmpty()
                            && processor.processingStatus().values().stream().allMatch(segment -> atHead(segment, head)));
        });
    }

    private static boolean atHead(EventTrackerStatus segment, long head) {
        return !segment.isErrorState() && segment.getCurrentPosition().orElse(-1) >= head;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
