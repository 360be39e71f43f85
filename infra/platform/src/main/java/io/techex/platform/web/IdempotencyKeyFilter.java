package io.techex.platform.web;

import io.techex.platform.actor.Actor;
import io.techex.platform.redis.RedisKeys;
import io.techex.platform.rules.ReusedIdempotencyKey;
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
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import redis.clients.jedis.exceptions.JedisException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on POST and PATCH, as in draft-ietf-httpapi-idempotency-key-header: the first request with
 * a key claims it in Redis and runs; its answer (status, {@code Content-Type}, {@code Location}, body) is kept with a
 * SHA-256 fingerprint of the request. A retry with the same key and fingerprint gets that answer byte for byte,
 * marked {@code Idempotent-Replayed: true}, and the handler does not run again. The same key with another request is
 * 422 {@code idempotency-key-reused}; a retry while the first still runs is 409 {@code idempotency-key-in-flight}
 * with {@code Retry-After: 1}. Keys are scoped per service and per organisation of the actor
 * ({@code techex:<namespace>:idem:<service>:<organisation>:<key>}).
 * <p>
 * <b>What is one request.</b> The fingerprint covers the method, the path with its query and the body's meaning: a
 * JSON body ({@code application/json}, {@code application/*+json}) is compared as JSON, so whitespace, the order of an
 * object's members and the spelling of a number ({@code 1000}, {@code 1000.00}, {@code 1E+3}) do not matter, while
 * any other body (a document upload) is compared byte for byte, with its {@code Content-Type}.
 * <p>
 * <b>What is kept.</b> Only answers that a retry could not change: successes (and redirects), and refusals of the
 * request itself, 400, 413, 415 and 422, which the same request would get again. Everything else frees the key so
 * that the retry runs, as Stripe saves no result for a request that conflicted with another or failed before it took
 * effect, and as the IETF draft means a key to make a failed request safe to retry rather than to fail it again:
 * 404 (a resource not known yet, e.g. a listing bidding has not heard of), 409 (a conflict with the resource's state
 * or a concurrent change), 429, every 5xx, and also 401
 * and 403. Those two depend on the caller's credentials and permissions at that moment rather than on the request:
 * a retry with a renewed token, or after access was granted, must not be told no again for a day, and nothing was
 * done. (Spring Security answers most 401s and 403s before this filter; an unidentified caller's keys would also share
 * one {@code anonymous} scope, where no answer should be handed to another caller.) A 422
 * {@code idempotency-key-reused} from a handler, which found the key's first request in its event store after Redis
 * lost the record, is not kept either: the key stays with that first request.
 * <p>
 * <b>Claims.</b> A running request's claim is a lease of {@code techex.idempotency.lease} (a few seconds) that this
 * instance renews while the request runs ({@link IdempotencyClaims}): a long request keeps its key, and the keys of an
 * instance that died free within one lease.
 * <p>
 * Redis holds only what may be lost: when it is unreachable the request runs as if it had no key, and a warning is
 * logged. Handlers that must never act twice therefore also make the effect itself idempotent (derive an aggregate id
 * from the key with {@link RequestIds}) and answer a repeated request as they answered the first; this filter saves
 * the work and gives the client its original answer.
 * <p>
 * The request body is read into memory up front to fingerprint it, so requests with a key are limited to
 * {@code techex.idempotency.max-body} (413 beyond). Handlers behind it must answer synchronously.
 */
public class IdempotencyKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    /** The problem type of a key used again for a different request, which aggregates raise too. */
    public static final String REUSED = ReusedIdempotencyKey.CODE;
    static final String REUSED_DETAIL = ReusedIdempotencyKey.DETAIL;

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyFilter.class);
    private static final Set<String> METHODS = Set.of("POST", "PATCH");
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** Refusals of the request itself: the same request gets them again, whatever happens meanwhile. */
    private static final Set<Integer> REFUSALS_KEPT = Set.of(400, 413, 415, 422);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final IdempotencyClaims claims;
    private final RedisKeys keys;
    private final ActorResolver actors;
    private final String service;
    private final long maxBody;

    /**
     * @param claims  the claims and answers in Redis
     * @param service the {@code spring.application.name}, part of every key
     * @param maxBody the largest request body accepted with a key, in bytes
     */
    IdempotencyKeyFilter(IdempotencyClaims claims, RedisKeys keys, ActorResolver actors, String service, long maxBody) {
        this.claims = claims;
        this.keys = keys;
        this.actors = actors;
        this.service = service;
        this.maxBody = maxBody;
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
        String target = request.getQueryString() == null ? request.getRequestURI()
                : request.getRequestURI() + "?" + request.getQueryString();
        String fingerprint = fingerprint(request.getMethod(), target, request.getContentType(), body);
        IdempotencyClaims.Claim claim = IdempotencyClaims.newClaim(redisKey(organisation(request), idempotencyKey), fingerprint);

        IdempotencyClaims.Stored earlier;
        try {
            earlier = claims.claimOrFind(claim);
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
            claims.release(claim);
            throw failure;
        }
        if (kept(recorded)) {
            claims.complete(claim, new IdempotencyClaims.Stored(fingerprint, null, recorded.getStatus(),
                    recorded.getContentType(), recorded.getHeader(HttpHeaders.LOCATION), recorded.getContentAsByteArray()));
        } else {
            claims.release(claim);
        }
        recorded.copyBodyToResponse();
    }

    /** The Redis key of {@code idempotencyKey} for {@code organisation} (escaped) in this service. */
    String redisKey(String organisation, String idempotencyKey) {
        // escaped so that no organisation id can end in what looks like another's key segment
        return keys.key("idem", service, organisation.replace("%", "%25").replace(":", "%3A"), idempotencyKey);
    }

    /** Whether a retry gets this answer again, or runs: see the class comment. */
    private static boolean kept(ContentCachingResponseWrapper answer) {
        int status = answer.getStatus();
        if (status < 400) {
            return true;
        }
        if (!REFUSALS_KEPT.contains(status)) {
            return false;
        }
        return status != 422 || !isProblem(answer, REUSED);
    }

    private static boolean isProblem(ContentCachingResponseWrapper answer, String slug) {
        String contentType = answer.getContentType();
        if (contentType == null || !contentType.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
            return false;
        }
        try {
            return Problems.type(slug).toString().equals(JSON.readTree(answer.getContentAsByteArray()).path("type").asString());
        } catch (JacksonException notJson) {
            return false;
        }
    }

    private void answerFrom(IdempotencyClaims.Stored earlier, String fingerprint, HttpServletRequest request,
                            HttpServletResponse response) throws IOException {
        if (!earlier.fingerprint().equals(fingerprint)) {
            Problems.write(request, response, HttpStatus.UNPROCESSABLE_CONTENT, REUSED, REUSED_DETAIL, HEADER);
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

    private String organisation(HttpServletRequest request) {
        return actors.resolve(request).map(Actor::organisationId).orElse("anonymous");
    }

    /**
     * SHA-256 over the method, the target (path and query) and the body: a JSON body by its meaning
     * ({@link #canonicalJson}), any other byte for byte together with its {@code Content-Type}.
     */
    static String fingerprint(String method, String target, String contentType, byte[] body) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        sha256.update((method + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
        String json = isJson(contentType) ? canonicalJson(body) : null;
        if (json != null) {
            sha256.update("json\n".getBytes(StandardCharsets.UTF_8));
            sha256.update(json.getBytes(StandardCharsets.UTF_8));
        } else {
            sha256.update(("bytes " + (contentType == null ? "" : contentType.strip().toLowerCase(Locale.ROOT)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            sha256.update(body);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isCompatibleWith(MediaType.APPLICATION_JSON)
                    || ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException notAMediaType) {
            return false;
        }
    }

    /**
     * The body's JSON in one spelling: no whitespace, every object's members sorted by name, numbers by their exact
     * decimal value; or null when the body is not one JSON value (then it is compared by its bytes, and the handler
     * refuses it anyway).
     */
    static String canonicalJson(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            StringBuilder canonical = new StringBuilder(body.length);
            writeCanonical(JSON.readTree(body), canonical);
            return canonical.toString();
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static void writeCanonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            for (int i = 0; i < members.size(); i++) {
                out.append(i == 0 ? "" : ",").append(JSON.writeValueAsString(members.get(i).getKey())).append(':');
                writeCanonical(members.get(i).getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                writeCanonical(node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            // 1000, 1000.00 and 1E+3 are one amount: equal BigDecimals strip to the same unscaled value and scale
            out.append(node.decimalValue().stripTrailingZeros());
        } else if (node.isString()) {
            out.append(JSON.writeValueAsString(node.stringValue()));
        } else {
            // true, false, null
            out.append(node);
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
