package io.techex.listing.document;

import io.techex.listing.api.AssetType;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.catalogue.ListingStatus;
import io.techex.listing.catalogue.ListingSummary;
import io.techex.platform.actor.Actor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static io.techex.listing.catalogue.ListingDocument.Visibility.CONFIDENTIAL;
import static io.techex.listing.catalogue.ListingDocument.Visibility.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

/** Every reader against every listing state; HTTP tests cover how the answers reach clients. */
class ReadingRightsTest {

    private static final Actor SELLER = new Actor("lan.nguyen", "hust", Actor.Role.UNIVERSITY);
    private static final Actor OTHER_UNIVERSITY = new Actor("quang.le", "hcmut", Actor.Role.UNIVERSITY);
    private static final Actor FIRM = new Actor("thu.vo", "mekong-biotech", Actor.Role.FIRM);
    private static final Actor OPERATOR = new Actor("an.do", "techex", Actor.Role.OPERATOR);
    private static final Actor REGULATOR = new Actor("minh.tran", "dost-hanoi", Actor.Role.REGULATOR);

    @ParameterizedTest
    @EnumSource(ListingStatus.class)
    void theSellerReadsEverythingInEveryState(ListingStatus status) {
        assertThat(ReadingRights.maySeeDocumentsOf(listing(status), SELLER)).isTrue();
        assertThat(ReadingRights.mayRead(listing(status), CONFIDENTIAL, SELLER, () -> false)).isTrue();
        assertThat(ReadingRights.isDisclosure(listing(status), CONFIDENTIAL, SELLER)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ListingStatus.class)
    void theOperatorReadsEverythingOnceSubmitted(ListingStatus status) {
        boolean submitted = status != ListingStatus.DRAFT;
        assertThat(ReadingRights.maySeeDocumentsOf(listing(status), OPERATOR)).isEqualTo(submitted);
        assertThat(ReadingRights.mayRead(listing(status), CONFIDENTIAL, OPERATOR, () -> false)).isEqualTo(submitted);
        assertThat(ReadingRights.isDisclosure(listing(status), CONFIDENTIAL, OPERATOR)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ListingStatus.class)
    void othersReadPublicDocumentsOfPublicListingsOnly(ListingStatus status) {
        for (Actor reader : new Actor[]{FIRM, OTHER_UNIVERSITY, REGULATOR}) {
            assertThat(ReadingRights.maySeeDocumentsOf(listing(status), reader)).isEqualTo(status.isPublic());
            assertThat(ReadingRights.mayRead(listing(status), PUBLIC, reader, () -> false)).isEqualTo(status.isPublic());
            assertThat(ReadingRights.mayRead(listing(status), CONFIDENTIAL, reader, () -> false)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(ListingStatus.class)
    void anAcceptedNdaOpensTheConfidentialPartWhileTheListingIsPublic(ListingStatus status) {
        assertThat(ReadingRights.mayRead(listing(status), CONFIDENTIAL, FIRM, () -> true)).isEqualTo(status.isPublic());
        assertThat(ReadingRights.isDisclosure(listing(status), CONFIDENTIAL, FIRM)).isTrue();
        assertThat(ReadingRights.isDisclosure(listing(status), PUBLIC, FIRM)).isFalse();
    }

    @Test
    void theNdaIsAskedOnlyWhenItDecides() {
        AtomicInteger asked = new AtomicInteger();
        ReadingRights.mayRead(listing(ListingStatus.PUBLISHED), PUBLIC, FIRM, () -> asked.incrementAndGet() > 0);
        ReadingRights.mayRead(listing(ListingStatus.DRAFT), CONFIDENTIAL, FIRM, () -> asked.incrementAndGet() > 0);
        ReadingRights.mayRead(listing(ListingStatus.PUBLISHED), CONFIDENTIAL, SELLER, () -> asked.incrementAndGet() > 0);
        assertThat(asked).hasValue(0);
        ReadingRights.mayRead(listing(ListingStatus.PUBLISHED), CONFIDENTIAL, FIRM, () -> asked.incrementAndGet() > 0);
        assertThat(asked).hasValue(1);
    }

    private static ListingSummary listing(ListingStatus status) {
        Instant at = Instant.parse("2026-11-23T03:15:00Z");
        return new ListingSummary("0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13", "hust", status, 0,
                new LocalizedText("Vật liệu hấp phụ từ vỏ trấu", null), new LocalizedText("Xử lý kim loại nặng.", null),
                AssetType.PATENT, 6, at, at, "hust", null);
    }
}
