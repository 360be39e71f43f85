package io.techex.launcher.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.launcher.FourServices.Service;
import io.techex.launcher.fuzz.FuzzCase.Expect;
import io.techex.testkit.TestTokens;
import io.techex.testkit.openapi.OpenApiConformanceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to every operation of the five services' OpenAPI documents, generated from the documents themselves
 * (wrong types, missing and null fields, huge strings, broken and odd Unicode, negative and absurd money, invalid
 * enums, dates and ids, malformed JSON, wrong Content-Types, hostile path variables and query parameters), sent with
 * real tokens at real resources: no answer may be a 5xx, every 4xx must be an RFC 9457 problem, and no request the
 * services must refuse may change a row of any of their tables or append an event.
 * <p>
 * Cases are either {@link Expect#REJECT} (no service may accept them) or {@link Expect#TOLERATE} (valid input that is
 * merely unusual, such as text in any script or an optional field left out). The rejected ones run first, each
 * operation's between two snapshots of every table, so a change is pinned to its operation; the tolerated ones run
 * after (the known failures first), and may create things, but must not fail the server either. The run is deterministic for a seed
 * ({@code -Dtechex.fuzz.seed}).
 */
@ExtendWith(OpenApiConformanceExtension.class)
class BadInputFuzzTest {

    static final long SEED = Long.getLong("techex.fuzz.seed", 20_261_123L);
    /**
     * A bound on the run: the brief's "a few thousand requests", about a minute on two cores; raised from 4,500 when the
     * needs, proposals and matches added 22 operations (about 1,300 cases).
     */
    static final int MAX_CASES = 5_500;
    static final String[] PEOPLE = {TestTokens.UNIVERSITY, TestTokens.FIRM, TestTokens.OPERATOR, TestTokens.REGULATOR};
    static final String UNKNOWN_ID = "7f3c9a52-3f1e-4d2b-9c61-5b8e2f0a1d4c";

    /**
     * A finding that is real but cannot be fixed in this package: which kind, which operations and cases
     * ({@code *} matches any text, {@code |} separates alternatives, in the kind too), and why. Cases it names run after the strict part of the run, apart, so that the
     * effects of the ones services wrongly accept do not hide anything else; each entry is printed with how often it
     * happened, and one that no longer happens fails the run, so that the list only holds what is still true.
     */
    record KnownFailure(String kind, String operation, String fuzzCase, String reason) {
        boolean covers(FuzzCase candidate) {
            return glob(operation, candidate.operation().toString())
                    && java.util.Arrays.stream(fuzzCase.split("\\|")).anyMatch(alternative -> glob(alternative, candidate.name()));
        }

        boolean matches(Finding finding) {
            return List.of(kind.split("\\|")).contains(finding.kind()) && covers(finding.fuzzCase());
        }

        private static boolean glob(String pattern, String text) {
            return text.matches(java.util.regex.Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
        }

        @Override
        public String toString() {
            return "[" + kind + "] " + operation + " | " + fuzzCase;
        }
    }

    static final List<KnownFailure> KNOWN_FAILURES = known();

    /**
     * What the services still get wrong, each with its reason. None today: the platform's input guard refuses NUL
     * characters, broken Unicode, unbounded decimals and years outside 1000–9999 in every body and query parameter,
     * and Tomcat's own refusals of a request line, header or path it cannot parse (an encoded '/' or NUL, '..' above
     * the root) are problem+json through the platform's error report valve. What Tomcat does not let anyone change is
     * not reachable from here: a connection it drops without answering (an I/O failure, a request it gave up reading).
     */
    private static List<KnownFailure> known() {
        return List.of();
    }

    record Finding(String kind, FuzzCase fuzzCase, String detail) {
        String key() {
            return fuzzCase.key();
        }
    }

    private final List<Finding> findings = new ArrayList<>();
    private final List<String> edgeFailures = new ArrayList<>();
    private final Map<String, Integer> byStatusClass = new TreeMap<>();
    private final Map<String, Integer> acceptedTolerated = new TreeMap<>();
    /** Tolerated input that was accepted and is worth a look: sizes and amounts a service might be expected to bound. */
    private final List<String> noteworthy = new ArrayList<>();
    private static final List<String> NOTEWORTHY = List.of("100k chars", "0.0000001", "absurd 1e30", "1e-400", "2^31",
            "2000 copies of its first item");
    private int sent;

    @Test
    void badInputIsAnsweredWithAProblemAndChangesNothing() throws Exception {
        long started = System.nanoTime();
        try (Exchange exchange = Exchange.start("bad-input-fuzz")) {
            long up = System.nanoTime();
            Http http = new Http(exchange);
            List<ApiOperation> operations = new ArrayList<>();
            for (Service service : Service.values()) {
                HttpResponse<String> document = http.json(service, "GET", "/v3/api-docs", null, null);
                assertThat(document.statusCode()).isEqualTo(200);
                operations.addAll(ApiOperation.of(service, Fixtures.json(document)));
            }
            Fixtures fixtures = Fixtures.create(http);

            Random random = new Random(SEED);
            Map<ApiOperation, String> senders = new LinkedHashMap<>();
            Map<ApiOperation, List<FuzzCase>> rejects = new LinkedHashMap<>();
            List<FuzzCase> tolerated = new ArrayList<>();
            List<FuzzCase> known = new ArrayList<>();
            List<String> notFuzzed = new ArrayList<>();
            for (ApiOperation operation : operations) {
                FuzzTarget target = fixtures.target(operation);
                if (operation.isWrite() && operation.parameters().stream().allMatch(p -> p.in().equals("header"))
                        && operation.bodySchema() == null) {
                    notFuzzed.add(operation + ": takes no input, so any request to it is a valid one");
                    continue;
                }
                String sender = sender(http, operation, target);
                if (sender == null) {
                    notFuzzed.add(operation + ": every demo person got 403");
                    continue;
                }
                senders.put(operation, sender);
                for (FuzzCase fuzzCase : BadInputs.of(operation, target, random)) {
                    if (KNOWN_FAILURES.stream().anyMatch(k -> k.covers(fuzzCase))) {
                        known.add(fuzzCase);
                    } else if (fuzzCase.expect() == Expect.REJECT) {
                        rejects.computeIfAbsent(operation, o -> new ArrayList<>()).add(fuzzCase);
                    } else {
                        tolerated.add(fuzzCase);
                    }
                }
            }
            int rejectCount = rejects.values().stream().mapToInt(List::size).sum();
            assertThat(rejectCount + tolerated.size() + known.size()).as("cases generated (bounded for the run's time)").isLessThanOrEqualTo(MAX_CASES);

            DatabaseSnapshot before = awaitQuiet(exchange);
            long fuzzStarted = System.nanoTime();
            // phase 1: what must be refused, each operation between two snapshots
            DatabaseSnapshot last = before;
            for (var entry : rejects.entrySet()) {
                for (FuzzCase fuzzCase : entry.getValue()) {
                    send(http, fuzzCase, senders.get(entry.getKey()));
                }
                DatabaseSnapshot after = DatabaseSnapshot.take(exchange.environment);
                List<String> changed = last.differencesTo(after);
                if (!changed.isEmpty()) {
                    findings.add(new Finding("CHANGED", new FuzzCase(entry.getKey(), "database changed", Expect.REJECT, "", null, null, Map.of()),
                            "its refused requests changed " + changed));
                    // let the change's effects in other services settle, so they are not blamed on the next operation
                    after = awaitQuiet(exchange);
                }
                last = after;
            }
            DatabaseSnapshot settled = awaitQuiet(exchange);
            List<String> lateChanges = last.differencesTo(settled);
            if (!lateChanges.isEmpty()) {
                findings.add(new Finding("CHANGED", new FuzzCase(operations.getFirst(), "database changed after the run", Expect.REJECT,
                        "", null, null, Map.of()), "refused requests changed, once their effects settled, " + lateChanges));
            }
            long rejectsDone = System.nanoTime();
            // phase 2: the known failures, after the strict part since some of them change what they should not, and
            // before the tolerated input, which may use up a resource that takes one answer (an NDA, an enquiry)
            for (FuzzCase fuzzCase : known) {
                boolean mayFail = fuzzCase.operation().isWrite()
                        && KNOWN_FAILURES.stream().anyMatch(k -> k.kind().contains("5XX") && k.covers(fuzzCase));
                DatabaseSnapshot beforeCase = mayFail ? DatabaseSnapshot.take(exchange.environment) : null;
                int findingsBefore = findings.size();
                send(http, fuzzCase, senders.get(fuzzCase.operation()));
                if (mayFail && findings.size() > findingsBefore && findings.getLast().kind().equals("5XX")) {
                    // did the failed write leave anything behind? Only the event stores and deadlines answer that: the
                    // read models may still be catching up with the cases before
                    List<String> left = beforeCase.differencesTo(DatabaseSnapshot.take(exchange.environment)).stream()
                            .filter(t -> t.contains(".domain_event_entry") || t.contains(".scheduled_tasks")).toList();
                    Finding failed = findings.removeLast();
                    findings.add(new Finding(failed.kind(), failed.fuzzCase(), failed.detail()
                            + (left.isEmpty() ? " — left no event and no deadline behind" : " — and left behind " + left)));
                }
            }
            // phase 3: unusual but possibly valid input; it may be accepted, and must not fail the server
            for (FuzzCase fuzzCase : tolerated) {
                send(http, fuzzCase, senders.get(fuzzCase.operation()));
            }
            long done = System.nanoTime();
            // phase 4: the HTTP edge of each service, with requests no HTTP client library would send
            EdgeChecks edge = new EdgeChecks(exchange);
            edgeFailures.addAll(edge.run(operations, senders, fixtures));
            System.out.println(EdgeChecks.summary(edge.sent(), edgeFailures));

            report(operations, senders, notFuzzed, rejectCount, tolerated.size(), known.size(), before, settled,
                    secs(up - started), secs(rejectsDone - fuzzStarted), secs(done - rejectsDone));
            documentation(operations, fixtures);
        }
        assertNoUnexpectedFindings();
    }

    /** The first demo person (university, firm, operator, regulator) an unknown resource's request does not answer 403. */
    private static String sender(Http http, ApiOperation operation, FuzzTarget target) throws Exception {
        String path = target.path(operation.path(), allUnknown(operation)) + target.query(Map.of());
        for (String person : PEOPLE) {
            byte[] body = target.jsonBody() != null ? "{}".getBytes(StandardCharsets.UTF_8) : target.binaryBody();
            String contentType = target.jsonBody() != null ? "application/json" : target.binaryBody() != null ? "application/pdf" : null;
            HttpResponse<String> probe = http.send(operation.service(), operation.method(), path, contentType, body, Map.of(), person);
            if (probe.statusCode() != 403) {
                return person;
            }
        }
        return null;
    }

    private static Map<String, String> allUnknown(ApiOperation operation) {
        Map<String, String> unknown = new LinkedHashMap<>();
        operation.in("path").forEach(p -> unknown.put(p.name(), Schema.type(p.schema()).equals("integer") ? "999999" : UNKNOWN_ID));
        return unknown;
    }

    private void send(Http http, FuzzCase fuzzCase, String person) {
        sent++;
        HttpResponse<String> response;
        try {
            response = http.send(fuzzCase.operation().service(), fuzzCase.operation().method(), fuzzCase.pathAndQuery(),
                    fuzzCase.contentType(), fuzzCase.body(), fuzzCase.headers(), person);
        } catch (IOException | RuntimeException e) {
            byStatusClass.merge("no answer", 1, Integer::sum);
            findings.add(new Finding("NO ANSWER", fuzzCase, e.toString()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int status = response.statusCode();
        byStatusClass.merge(status / 100 + "xx", 1, Integer::sum);
        String answer = status + " " + response.headers().firstValue("Content-Type").orElse("(no Content-Type)") + " "
                + FuzzCase.preview(response.body(), 400);
        if (status >= 500) {
            findings.add(new Finding("5XX", fuzzCase, answer));
        } else if (status >= 400) {
            String problem = problemViolation(response);
            if (problem != null) {
                findings.add(new Finding("NOT A PROBLEM", fuzzCase, problem + ": " + answer));
            }
        } else if (fuzzCase.operation().isWrite()) {
            if (fuzzCase.expect() == Expect.REJECT) {
                findings.add(new Finding("ACCEPTED", fuzzCase, answer));
            } else {
                acceptedTolerated.merge(fuzzCase.operation() + " | " + fuzzCase.name().replaceFirst(":.*", ""), 1, Integer::sum);
                if (NOTEWORTHY.stream().anyMatch(label -> fuzzCase.name().endsWith(": " + label))) {
                    noteworthy.add(fuzzCase.key() + " → " + status);
                }
            }
        }
    }

    /** What makes a 4xx answer not an RFC 9457 problem, or null. */
    private static String problemViolation(HttpResponse<String> response) {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.startsWith("application/problem+json")) {
            return "Content-Type is not application/problem+json";
        }
        JsonNode problem;
        try {
            problem = BadInputs.MAPPER.readTree(response.body());
        } catch (Exception e) {
            return "body is not JSON";
        }
        if (!problem.path("type").isTextual() || !problem.path("title").isTextual()) {
            return "no type or title";
        }
        if (problem.path("status").asInt() != response.statusCode()) {
            return "status member " + problem.path("status") + " is not the answer's status";
        }
        return null;
    }

    /**
     * A snapshot once the exchange holds still: the fixtures' events have gone through Kafka to the other services,
     * the trail and the Merkle log, and two snapshots 1.5 s apart agree twice in a row.
     */
    private static DatabaseSnapshot awaitQuiet(Exchange exchange) {
        var previous = new java.util.concurrent.atomic.AtomicReference<>(DatabaseSnapshot.take(exchange.environment));
        var differences = new java.util.concurrent.atomic.AtomicReference<List<String>>(List.of());
        var agreeing = new java.util.concurrent.atomic.AtomicInteger();
        org.awaitility.Awaitility.await("the exchange holding still (two snapshots 1.5 s apart agreeing twice)")
                .atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofMillis(1_500)).pollInterval(Duration.ofMillis(1_500))
                .until(() -> {
                    DatabaseSnapshot next = DatabaseSnapshot.take(exchange.environment);
                    differences.set(previous.get().differencesTo(next));
                    agreeing.set(differences.get().isEmpty() ? agreeing.get() + 1 : 0);
                    previous.set(next);
                    return agreeing.get() == 2;
                });
        return previous.get();
    }

    private void report(List<ApiOperation> operations, Map<ApiOperation, String> senders, List<String> notFuzzed, int rejectCount,
                        int toleratedCount, int knownCount, DatabaseSnapshot before, DatabaseSnapshot after, double startup, double rejectSeconds,
                        double tolerateSeconds) {
        StringBuilder out = new StringBuilder("\n==== Bad input fuzzing (seed ").append(SEED).append(") ====\n");
        Map<Service, Integer> perService = new TreeMap<>();
        senders.keySet().forEach(o -> perService.merge(o.service(), 1, Integer::sum));
        out.append(String.format("operations in the OpenAPI documents: %d; fuzzed: %d %s%n", operations.size(), senders.size(), perService));
        notFuzzed.forEach(n -> out.append("  not fuzzed: ").append(n).append('\n'));
        out.append(String.format("requests sent: %d (%d to be refused, %d tolerated, %d known failures); by status: %s%n", sent,
                rejectCount, toleratedCount, knownCount, byStatusClass));
        out.append(String.format("time: exchange up and fixtures made in %.1f s; refused cases %.1f s; known failures and tolerated cases %.1f s%n",
                startup, rejectSeconds, tolerateSeconds));
        out.append("event store (domain_event_entry rows) before → after the refused cases:");
        for (String schema : DatabaseSnapshot.SCHEMAS) {
            out.append(' ').append(schema).append(' ').append(before.rows(schema + ".domain_event_entry")).append(" → ")
                    .append(after.rows(schema + ".domain_event_entry"));
        }
        out.append(String.format("%ntables compared: %d; left out: %s; %s%n", before.tables.size(), DatabaseSnapshot.IGNORED,
                DatabaseSnapshot.COLUMNS_REASON));
        out.append("tolerated input the services accepted (operation | field: count):\n");
        acceptedTolerated.forEach((key, count) -> out.append("  ").append(key).append(": ").append(count).append('\n'));
        out.append("of which sizes and amounts one might expect to be bounded:\n");
        noteworthy.forEach(line -> out.append("  ").append(line).append('\n'));
        out.append("known failures (allowed, each with its reason):\n");
        KNOWN_FAILURES.forEach(known -> out.append("  ").append(known).append(": ")
                .append(findings.stream().filter(known::matches).count()).append(" times — ").append(known.reason()).append('\n'));
        out.append("findings: ").append(findings.size()).append('\n');
        for (Finding finding : findings) {
            out.append("  [").append(finding.kind()).append(isKnown(finding) ? ", known" : "").append("] ")
                    .append(finding.key()).append("\n      request: ").append(finding.fuzzCase().describe())
                    .append("\n      answer:  ").append(finding.detail()).append('\n');
        }
        System.out.println(out);
    }

    private void assertNoUnexpectedFindings() {
        List<String> unexpected = findings.stream().filter(f -> !isKnown(f))
                .map(f -> "[" + f.kind() + "] " + f.key() + "\n    " + f.fuzzCase().describe() + "\n    → " + f.detail()).toList();
        List<String> stale = KNOWN_FAILURES.stream().filter(known -> findings.stream().noneMatch(known::matches))
                .map(known -> known + " (no longer happens: remove it from KNOWN_FAILURES)").toList();
        assertThat(unexpected).as("bad requests answered with a 5xx, without a problem, accepted, or changing data").isEmpty();
        assertThat(edgeFailures).as("malformed requests not answered with the problem they should get").isEmpty();
        assertThat(stale).as("known failures that no longer happen").isEmpty();
    }

    private static boolean isKnown(Finding finding) {
        return KNOWN_FAILURES.stream().anyMatch(known -> known.matches(finding));
    }

    /**
     * Where an operation's OpenAPI document and the body the service reads part ways: fields a valid request carries
     * that the schema lacks, and fields the schema requires that a valid request goes without. Printed, not asserted:
     * documents are the services' own business, and this test's is bad input.
     */
    private static void documentation(List<ApiOperation> operations, Fixtures fixtures) {
        StringBuilder out = new StringBuilder("OpenAPI documents vs what the services read:\n");
        for (ApiOperation operation : operations) {
            JsonNode body = fixtures.target(operation).jsonBody();
            if (body == null || !body.isObject()) {
                continue;
            }
            List<String> undeclared = new ArrayList<>();
            body.fieldNames().forEachRemaining(name -> {
                if (Schema.property(operation.bodySchema(), name).isMissingNode()) {
                    undeclared.add(name);
                }
            });
            List<String> requiredButUnused = Schema.required(operation.bodySchema()).stream().filter(name -> !body.has(name)).sorted().toList();
            if (!undeclared.isEmpty() || !requiredButUnused.isEmpty()) {
                out.append("  ").append(operation).append(": the schema lacks ").append(undeclared).append(", and requires ")
                        .append(requiredButUnused).append(" which a valid request goes without\n");
            }
        }
        System.out.println(out);
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }
}
