package io.techex.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Redis side of {@link IdempotencyKeyFilter}: claims on keys while their first request runs, then the answers.
 * <p>
 * A claim is a lease of {@code techex.idempotency.lease} (a few seconds), renewed every third of it by one scheduler
 * thread for all the claims of this instance whose requests still run. A request that runs for minutes keeps its
 * claim; the claims of an instance that died (SIGKILL, a lost machine) are no longer renewed and free their keys
 * within one lease, so retries are not turned away long after the restart. A claim can be lost while its request
 * still runs only if this instance cannot reach Redis, or stalls, for longer than the lease; a retry may then run
 * beside the first request, which is why handlers that must act once also derive their ids from the key
 * ({@link RequestIds}) and let the event store refuse the second.
 */
final class IdempotencyClaims implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyClaims.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CLAIM_ATTEMPTS = 3;
    /**
     * Stores the answer or releases the claim only while the key is still ours (or, for an answer, free again): a
     * claim outlived by its request may have been taken by a retry meanwhile, whose claim must stand.
     */
    private static final String REPLACE_OWN_CLAIM = """
            local current = redis.call('GET', KEYS[1])
            if current ~= ARGV[1] and (current or ARGV[2] == '') then return 0 end
            if ARGV[2] == '' then return redis.call('DEL', KEYS[1]) end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1""";
    private static final String RENEW_OWN_CLAIM = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0""";

    /**
     * What Redis keeps under a key: while the first request runs, its claim ({@code status} 0, a {@code claim} token
     * that makes it unique); then its answer, the body Base64-encoded.
     */
    record Stored(String fingerprint, String claim, int status, String contentType, String location, byte[] body) {

        boolean complete() {
            return status > 0;
        }
    }

    /** A request's claim on {@code redisKey}: {@code value} is the {@link Stored} claim, unique to that request. */
    record Claim(String redisKey, String value) {
    }

    private final UnifiedJedis redis;
    private final Duration lease;
    private final Duration answerTtl;
    private final Set<Claim> live = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer;

    /**
     * @param lease     how long a claim outlives the last renewal by its instance
     * @param answerTtl how long an answer is kept for retries
     */
    IdempotencyClaims(UnifiedJedis redis, Duration lease, Duration answerTtl) {
        if (lease.toMillis() < 300) {
            throw new IllegalArgumentException("An Idempotency-Key lease must outlast a few Redis round trips, not " + lease);
        }
        this.redis = redis;
        this.lease = lease;
        this.answerTtl = answerTtl;
        this.renewer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("idempotency-lease-renewer").daemon().factory());
        long every = lease.toMillis() / 3;
        renewer.scheduleWithFixedDelay(this::renewLiveClaims, every, every, TimeUnit.MILLISECONDS);
    }

    Duration lease() {
        return lease;
    }

    /** A new claim on {@code redisKey} for a request whose fingerprint is {@code fingerprint}; not yet taken. */
    static Claim newClaim(String redisKey, String fingerprint) {
        return new Claim(redisKey, json(new Stored(fingerprint, UUID.randomUUID().toString(), 0, null, null, null)));
    }

    /**
     * Takes the claim and answers null, from when on it is renewed until {@link #complete} or {@link #release}; or
     * answers what an earlier request with this key left there (its running claim or its answer).
     *
     * @throws JedisException when Redis cannot be reached
     */
    Stored claimOrFind(Claim claim) {
        SetParams ifAbsent = SetParams.setParams().nx().px(lease.toMillis());
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            if ("OK".equals(redis.set(claim.redisKey(), claim.value(), ifAbsent))) {
                live.add(claim);
                return null;
            }
            String existing = redis.get(claim.redisKey());
            if (existing != null) {
                return JSON.readValue(existing, Stored.class);
            }
            // released or expired between SET and GET: claim again
        }
        throw new JedisException("Could not claim " + claim.redisKey() + " in " + CLAIM_ATTEMPTS + " attempts");
    }

    /** Keeps {@code answer} for the key's retries, if the claim is still ours or the key free. */
    void complete(Claim claim, Stored answer) {
        live.remove(claim);
        replace(claim, json(answer));
    }

    /** Frees the key for a retry, if the claim is still ours. */
    void release(Claim claim) {
        live.remove(claim);
        replace(claim, "");
    }

    /** Stops renewing; the claims of requests still running then lapse within the lease, as a dead instance's do. */
    @Override
    public void close() {
        renewer.shutdownNow();
    }

    private void replace(Claim claim, String replacement) {
        try {
            redis.eval(REPLACE_OWN_CLAIM, List.of(claim.redisKey()),
                    List.of(claim.value(), replacement, Long.toString(answerTtl.toMillis())));
        } catch (JedisException unavailable) {
            log.warn("Could not record the outcome of Idempotency-Key {}: Redis is unavailable ({})", claim.redisKey(),
                    unavailable.getMessage());
        }
    }

    private void renewLiveClaims() {
        String millis = Long.toString(lease.toMillis());
        for (Claim claim : live) {
            try {
                Object renewed = redis.eval(RENEW_OWN_CLAIM, List.of(claim.redisKey()), List.of(claim.value(), millis));
                if (Long.valueOf(0).equals(renewed) && live.remove(claim)) {
                    log.warn("The claim on Idempotency-Key {} lapsed while its request was still running (Redis "
                            + "unreachable or this instance stalled for longer than {}); a retry may run beside it",
                            claim.redisKey(), lease);
                }
            } catch (JedisException unavailable) {
                // the next round tries again, well inside the lease
                log.warn("Could not renew Idempotency-Key claims: Redis is unavailable ({})", unavailable.getMessage());
                return;
            } catch (RuntimeException unexpected) {
                // a scheduled task that throws is never run again
                log.error("Could not renew the claim on Idempotency-Key {}", claim.redisKey(), unexpected);
            }
        }
    }

    private static String json(Stored stored) {
        try {
            return JSON.writeValueAsString(stored);
        } catch (JacksonException e) {
            throw new IllegalStateException("A record of strings, numbers and bytes always serializes", e);
        }
    }
}
