package io.techex.listing.catalogue;

import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.AssetType;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.DealType;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.RegulatoryCategory;
import io.techex.platform.rules.RuleViolation;
import io.techex.testkit.IntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two operators verify one listing at the same moment: one succeeds, the other is told it was already verified. */
@IntegrationTest
class OwnershipCheckRaceTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSecondOperatorGetsAConflictAndTheListingIsVerifiedOnce() throws Exception {
        String listingId = UUID.randomUUID().toString();
        ListingContent software = new ListingContent(new LocalizedText("Phần mềm quản lý phòng thí nghiệm", null),
                new LocalizedText("Quản lý mẫu và thiết bị.", null), AssetType.SOFTWARE, 7, List.of(), List.of(), List.of(),
                List.of(DealOption.of(DealType.NON_EXCLUSIVE_LICENCE)), AskingPrice.onRequestOnly(),
                RegulatoryCategory.ORDINARY, false);
        commands.sendAndWait(new DraftListing(listingId, "vnu", software));
        commands.sendAndWait(new SubmitListing(listingId, "vnu"));

        int operators = 2;
        CyclicBarrier start = new CyclicBarrier(operators);
        ExecutorService pool = Executors.newFixedThreadPool(operators);
        List<CompletableFuture<Object>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < operators; i++) {
                outcomes.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(5, TimeUnit.SECONDS);
                        return commands.sendAndWait(new VerifyOwnership(listingId));
                    } catch (RuntimeException e) {
                        return e;
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        List<Object> results = outcomes.stream().map(CompletableFuture::join).toList();
        assertThat(results).filteredOn(RuntimeException.class::isInstance).singleElement()
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.CONFLICT);
                    assertThat(violation.code()).isEqualTo("ownership-already-verified");
                });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                Integer.class, listingId, "io.techex.listing.api.OwnershipVerified")).isEqualTo(1);
    }
}
