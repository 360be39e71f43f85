package io.techex.audit.trail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the cache of long trails keeps: answers asked for twice at one version, between its two sizes, in at most its
 * bytes, the least recently read dropped first.
 */
class TrailCacheBoundsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TrailCache cache = new TrailCache(1_000, 100, registry);

    @Test
    void keepsAnswersBetweenItsSizesInAtMostItsBytesDroppingTheLeastRecentlyRead() throws IOException {
        assertThat(written("a", "v1", 400)).hasSize(400);
        written("b", "v1", 400);
        assertThat(kept("a", TrailQuery.all(), "v1")).hasSize(400);
        assertThat(kept("a", TrailQuery.all(), "v2")).as("another version").isNull();
        assertThat(kept("a", new TrailQuery(null, null, "hust", null, null), "v1")).as("another question").isNull();

        written("c", "v1", 400);
        assertThat(kept("b", TrailQuery.all(), "v1")).as("the least recently read, dropped").isNull();
        assertThat(kept("a", TrailQuery.all(), "v1")).isNotNull();
        assertThat(kept("c", TrailQuery.all(), "v1")).isNotNull();
        assertThat(registry.get("techex.audit.trail.cache.bytes").gauge().value()).isEqualTo(800);

        written("a", "v2", 300);
        assertThat(kept("a", TrailQuery.all(), "v1")).as("replaced by its next version").isNull();
        assertThat(kept("a", TrailQuery.all(), "v2")).hasSize(300);
        assertThat(registry.get("techex.audit.trail.cache.bytes").gauge().value()).isEqualTo(700);

        written("short", "v1", 99);
        assertThat(kept("short", TrailQuery.all(), "v1")).as("below the least size").isNull();
        assertThat(written("long", "v1", 501)).as("the client still gets all of it").hasSize(501);
        assertThat(kept("long", TrailQuery.all(), "v1")).as("above half the cache").isNull();
        assertThat(registry.get("techex.audit.trail.cache.reads").tag("result", "hit").counter().count()).isEqualTo(4);
    }

    @Test
    void anAnswerIsKeptTheSecondTimeItsQuestionIsAnsweredAtOneVersion() throws IOException {
        assertThat(answered("a", "v1", 400)).hasSize(400);
        assertThat(kept("a", TrailQuery.all(), "v1")).as("noted only").isNull();
        answered("a", "v2", 400);
        assertThat(kept("a", TrailQuery.all(), "v2")).as("the trail changed since it was noted").isNull();
        answered("a", "v2", 400);
        assertThat(kept("a", TrailQuery.all(), "v2")).hasSize(400);

        answered("short", "v1", 99);
        answered("short", "v1", 99);
        assertThat(kept("short", TrailQuery.all(), "v1")).as("below the least size, not even noted").isNull();
        for (int i = 0; i <= TrailCache.MAX_NOTED; i++) {
            answered("b" + i, "v1", 200);
        }
        answered("b1", "v1", 200);
        assertThat(kept("b1", TrailQuery.all(), "v1")).hasSize(200);
        answered("b0", "v1", 200);
        assertThat(kept("b0", TrailQuery.all(), "v1")).as("forgotten: the least recently noted of one too many").isNull();
    }

    @Test
    void anAnswerIsKeptOnlyOnceWrittenToItsEnd() throws IOException {
        answered("a", "v1", 300);
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        TrailCache.Recording body = cache.recording("a", TrailQuery.all(), "v1", client);
        body.write(new byte[300]);
        assertThat(kept("a", TrailQuery.all(), "v1")).isNull();
        body.keep();
        assertThat(kept("a", TrailQuery.all(), "v1")).hasSize(300);
    }

    @Test
    void anAnswerOfManyPiecesIsKeptWhole() throws IOException {
        TrailCache large = new TrailCache(4 * TrailCache.Recording.CHUNK_BYTES, 100, registry);
        byte[] answer = new byte[TrailCache.Recording.CHUNK_BYTES + 12_345];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(answer);
        TrailCache.Recording first = large.recording("a", TrailQuery.all(), "v1", OutputStream.nullOutputStream());
        first.write(answer);
        first.keep();
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        TrailCache.Recording body = large.recording("a", TrailQuery.all(), "v1", client);
        body.write(answer, 0, 1_000);
        body.write(answer, 1_000, answer.length - 1_000);
        body.keep();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        large.get("a", TrailQuery.all(), "v1").writeTo(again);
        assertThat(again.toByteArray()).isEqualTo(client.toByteArray()).isEqualTo(answer);
    }

    /** The bytes kept for this version of the asset's trail, or null. */
    private byte[] kept(String assetId, TrailQuery query, String version) throws IOException {
        TrailCache.Answer answer = cache.get(assetId, query, version);
        if (answer == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        answer.writeTo(bytes);
        assertThat(bytes.size()).isEqualTo(answer.length());
        return bytes.toByteArray();
    }

    /** Answers the question twice at this version, so that the cache keeps it; returns what the client got. */
    private byte[] written(String assetId, String version, int size) throws IOException {
        answered(assetId, version, size);
        return answered(assetId, version, size);
    }

    /** Writes an answer of {@code size} bytes through the cache, in pieces, and returns what the client got. */
    private byte[] answered(String assetId, String version, int size) throws IOException {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        TrailCache.Recording body = cache.recording(assetId, TrailQuery.all(), version, client);
        for (int i = 0; i < size; i++) {
            if (i % 3 == 0) {
                body.write(i);
            } else {
                body.write(new byte[]{(byte) i}, 0, 1);
            }
        }
        body.keep();
        return client.toByteArray();
    }
}
