package io.techex.platform.web;

import io.techex.platform.actor.Actor;
import io.techex.platform.redis.RedisKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on POST and PATCH, as in draft-ietf-httpapi-idempotency-key-header: the first request with
 * a key claims it in Redis and runs; its answer (status, {@code Content-Type}, {@code Location}, body) is kept with a
 * SHA-256 fingerprint of method, URI and body. A retry with the same key and fingerprint gets that answer byte for
 * byte, marked {@code Idempotent-Replayed: true}, and the handler does not run again. The same key with another
 * request is 422 {@code idempotency-key-reused}; a retry while the first still runs is 409
 * {@code idempotency-key-in-flight} with {@code Retry-After: 1}. Server errors (5xx) are not kept: the claim is
 * released so that a retry runs. Keys are scoped per service and per organisation of the actor
 * ({@code techex:<namespace>:idem:<service>:<organisation>:<key>}).
 * <p>
 * Redis holds only what may be lost: when it is unreachable the request runs as if it had no key, and a warning is
 * logged. Handlers that must never act twice therefore also make the effect itself idempotent (e.g. derive an
 * aggregate id from the key); this filter saves the work and gives the client its original answer.
 * <p>
 * The request body is read into memory up front to fingerprint it, so requests with a key are limited to
 * {@code techex.idempotency.max-body} (413 beyond). Handlers behind it must answer synchronously.
 */
public class IdempotencyKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyFilter.class);
    private static final Set<String> METHODS = Set.of("POST", "PATCH");
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
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

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final ActorResolver actors;
    private final String service;
    private final Duration ttl;
    private final Duration lockTtl;
    private final long maxBody;

    /**
     * @param service the {@code spring.application.name}, part of every key
     * @param ttl     how long answers are kept ({@code techex.idempotency.ttl}, 24 h)
     * @param lockTtl how long a claim holds when its request never finishes ({@code techex.idempotency.lock-ttl})
     * @param maxBody the largest request body accepted with a key, in bytes
     */
    public IdempotencyKeyFilter(UnifiedJedis redis, RedisKeys keys, ActorResolver actors, String service, Duration ttl,
                                Duration lockTtl, long maxBody) {
        this.redis = redis;
        this.keys = keys;
        this.actors = actors;
        this.service = service;
        this.ttl = ttl;
        this.lockTtl = lockTtl;
        this.maxBody = maxBody;
    }

    /**
     * What Redis keeps under a key: while the first request runs, its claim ({@code status} 0, a {@code claim} token
     * that makes it unique); then its answer, the body Base64-encoded.
     */
    record Stored(String fingerprint, String claim, int status, String contentType, String location, byte[] body) {

        boolean complete() {
            return status > 0;
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !METHODS.contains(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String idempotencyKey = request.getHeader(HEADER);
        if (!VALID_KEY.matcher(idempotencyKey).matches()) {
            Problems.write(request, response, HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST,
                    "must be 1 to 255 visible ASCII characters", HEADER);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(Math.toIntExact(Math.min(maxBody + 1, Integer.MAX_VALUE - 8)));
        if (body.length > maxBody) {
            Problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, Problems.slug(HttpStatus.CONTENT_TOO_LARGE),
                    "A request with an Idempotency-Key may have at most " + maxBody + " bytes of body");
            return;
        }
        var replayableRequest = new BodyReplayingRequest(request, body);
        String fingerprint = fingerprint(request, body);
        String redisKey = keys.key("idem", service, organisation(request), idempotencyKey);
        String claim = json(new Stored(fingerprint, UUID.randomUUID().toString(), 0, null, null, null));

        Stored earlier;
        try {
            earlier = claimOrFind(redisKey, claim);
        } catch (JedisException unavailable) {
            log.warn("{} {}: Idempotency-Key not honoured, Redis is unavailable ({})", request.getMethod(),
                    request.getRequestURI(), unavailable.getMessage());
            chain.doFilter(replayableRequest, response);
            return;
        }
        if (earlier != null) {
            answerFrom(earlier, fingerprint, request, response);
            return;
        }

        var recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(replayableRequest, recorded);
        } catch (IOException | ServletException | RuntimeException | Error failure) {
            // the container turns it into a 500 (the error page), which is not kept
            replaceClaim(redisKey, claim, "");
            throw failure;
        }
        replaceClaim(redisKey, claim, recorded.getStatus() >= 500 ? "" : json(new Stored(fingerprint, null,
                recorded.getStatus(), recorded.getContentType(), recorded.getHeader(HttpHeaders.LOCATION),
                recorded.getContentAsByteArray())));
        recorded.copyBodyToResponse();
    }

    /** Claims the key and answers null, or answers what an earlier request with this key left there. */
    private Stored claimOrFind(String redisKey, String claim) {
        SetParams ifAbsent = SetParams.setParams().nx().px(lockTtl.toMillis());
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            if ("OK".equals(redis.set(redisKey, claim, ifAbsent))) {
                return null;
            }
            String existing = redis.get(redisKey);
            if (existing != null) {
                return JSON.readValue(existing, Stored.class);
            }
            // released (a 5xx) or expired between SET and GET: claim again
        }
        throw new JedisException("Could not claim " + redisKey + " in " + CLAIM_ATTEMPTS + " attempts");
    }

    private void answerFrom(Stored earlier, String fingerprint, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!earlier.fingerprint().equals(fingerprint)) {
            Problems.write(request, response, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "was already used for a different request; use a new key for a new request", HEADER);
            return;
        }
        if (!earlier.complete()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            Problems.write(request, response, HttpStatus.CONFLICT, "idempotency-key-in-flight",
                    "A request with this Idempotency-Key is still being processed; retry shortly");
            return;
        }
        response.setStatus(earlier.status());
        if (earlier.contentType() != null) {
            response.setContentType(earlier.contentType());
        }
        if (earlier.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, earlier.location());
        }
        response.setHeader(REPLAYED, "true");
        response.setContentLength(earlier.body().length);
        response.getOutputStream().write(earlier.body());
    }

    /** Stores the answer ({@code replacement}) or releases the claim (empty), if the claim is still ours. */
    private void replaceClaim(String redisKey, String claim, String replacement) {
        try {
            redis.eval(REPLACE_OWN_CLAIM, List.of(redisKey), List.of(claim, replacement, Long.toString(ttl.toMillis())));
        } catch (JedisException unavailable) {
            log.warn("Could not record the outcome of Idempotency-Key {}: Redis is unavailable ({})", redisKey,
                    unavailable.getMessage());
        }
    }

    private String organisation(HttpServletRequest request) {
        // escaped so that no organisation id can end in what looks like another's key segment
        return actors.resolve(request).map(Actor::organisationId)
                .map(organisation -> organisation.replace("%", "%25").replace(":", "%3A"))
                .orElse("anonymous");
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String target = request.getQueryString() == null ? request.getRequestURI()
                    : request.getRequestURI() + "?" + request.getQueryString();
            sha256.update((request.getMethod() + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
            sha256.update(body);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String json(Stored stored) {
        try {
            return JSON.writeValueAsString(stored);
        } catch (JacksonException e) {
            throw new IllegalStateException("A record of strings, numbers and bytes always serializes", e);
        }
    }

    /** The request with its body, read once up front to fingerprint it, served again to the handler. */
    private static final class BodyReplayingRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BodyReplayingRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    // the Servlet spec: setReadListener outside async processing is an illegal state
                    throw new IllegalStateException("Requests with an Idempotency-Key are read synchronously");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
