package io.techex.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import io.techex.platform.security.TokenClaims;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Endpoints exercising each convention the way a service's controllers do, documented as a service's are (the test
 * kit checks every answer against the document); those that fail on purpose say so.
 */
@RestController
@RequestMapping("/things")
@Tag(name = "Things", description = "The conventions, exercised")
class ExchangeTestController {

    enum AssetType { PATENT, UTILITY_SOLUTION, KNOW_HOW }

    record Title(@NotBlank @Size(max = 300) String vi, String en) {
    }

    record Inventor(@NotBlank String name, @Email String email) {
    }

    record ThingRequest(@NotBlank String reference, @NotNull @Valid Title title, @Min(1) @Max(9) int readinessLevel,
                        @NotNull AssetType assetType, @NotEmpty List<@Valid Inventor> inventors) {
    }

    record ThingCreated(UUID id, String reference, long executions) {
    }

    private final JdbcTemplate jdbc;
    private final Gate gate;
    private final Validator validator;

    ExchangeTestController(JdbcTemplate jdbc, Gate gate, Validator validator) {
        this.jdbc = jdbc;
        this.gate = gate;
        this.validator = validator;
    }

    /** Each run leaves a row, and the answer differs per run (a new id), so a replay is recognisable. */
    @Operation(summary = "Create a thing")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<ThingCreated> create(@Valid @RequestBody ThingRequest request, @CurrentActor Actor actor,
                                        UriComponentsBuilder uris) {
        UUID id = UUID.randomUUID();
        long executions = execute(request.reference(), actor);
        return ResponseEntity.created(uris.path("/things/{id}").buildAndExpand(id).toUri())
                .body(new ThingCreated(id, request.reference(), executions));
    }

    /** Runs only when the test opens the {@link Gate}. */
    @Operation(summary = "Create a thing once the test opens the gate")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/gated")
    ResponseEntity<ThingCreated> gated(@Valid @RequestBody ThingRequest request, @CurrentActor Actor actor) throws InterruptedException {
        gate.pass();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new ThingCreated(UUID.randomUUID(), request.reference(), execute(request.reference(), actor)));
    }

    /** Fails with a 500 on its first run for a reference, succeeds afterwards. */
    @Operation(summary = "Create a thing, failing the first time")
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "500", description = "The first run for a reference")
    @PostMapping("/flaky")
    ResponseEntity<ThingCreated> flaky(@Valid @RequestBody ThingRequest request, @CurrentActor Actor actor) {
        long executions = execute(request.reference(), actor);
        if (executions == 1) {
            throw new IllegalStateException("connection to 10.1.2.3 refused, password=hunter2");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new ThingCreated(UUID.randomUUID(), request.reference(), executions));
    }

    /**
     * Refuses its first run for a reference with {@code status}, as a service refuses what may change (a listing not
     * known yet, a concurrent change) or the request itself (a broken rule); creates the thing on later runs.
     */
    @Operation(summary = "Create a thing, refused once with a given status", extensions = @Extension(properties = @ExtensionProperty(
            name = "refuses-beyond-its-schema", value = "its first run refuses with the status the path names, a 400 or 415 among them")))
    @ApiResponse(responseCode = "201", description = "Created, on the second run")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/refused-once/{status}")
    ResponseEntity<ThingCreated> refusedOnce(@PathVariable int status, @Valid @RequestBody ThingRequest request,
                                             @CurrentActor Actor actor) {
        long executions = execute(request.reference(), actor);
        if (executions == 1) {
            throw new ResponseStatusException(HttpStatus.valueOf(status), "Refused once with " + status);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new ThingCreated(UUID.randomUUID(), request.reference(), executions));
    }

    /** A file, taken as raw bytes like a document upload. */
    @Operation(summary = "Create a thing from a file's raw bytes")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(path = "/files", consumes = "application/octet-stream")
    ResponseEntity<ThingCreated> file(@RequestParam String reference, @RequestBody byte[] content, @CurrentActor Actor actor) {
        return ResponseEntity.status(HttpStatus.CREATED).body(new ThingCreated(UUID.randomUUID(), reference, execute(reference, actor)));
    }

    @Operation(summary = "Find a thing (there is none)")
    @GetMapping("/{id}")
    ThingCreated find(@PathVariable UUID id, @CurrentActor Optional<Actor> actor) {
        throw new AggregateNotFoundException(id.toString(), "No thing " + id);
    }

    @Operation(summary = "Search things")
    @GetMapping
    List<String> search(@RequestParam @Min(1) @Max(9) int minLevel,
                        @RequestHeader(name = "X-Purpose", required = false) @Size(max = 10) String purpose) {
        return List.of();
    }

    /** A price as services take them: an amount of money, a percentage, both exact; what is optional may be null. */
    record Price(@NotNull BigDecimal amount, @Nullable String currency, @Nullable BigDecimal royaltyPercent,
                 @Nullable AssetType assetType, @Nullable Title title) {
    }

    @Operation(summary = "Echo a price")
    @PostMapping("/prices")
    Price price(@Valid @RequestBody Price price) {
        return price;
    }

    @Operation(summary = "Count inventors")
    @PostMapping("/inventors")
    int inventors(@RequestBody List<@Valid Inventor> inventors) {
        return inventors.size();
    }

    @Operation(summary = "Echo a header")
    @GetMapping("/tenant")
    String tenant(@RequestHeader("X-Tenant") String tenant) {
        return tenant;
    }

    /** Opened to regulators only by {@link WebTestApplication}'s access rules. */
    @Operation(summary = "Regulators only")
    @GetMapping("/regulated")
    String regulated(@CurrentActor Actor actor) {
        return actor.organisationId();
    }

    @Operation(summary = "The acting person")
    @ApiResponse(responseCode = "200", description = "The acting person")
    @ApiResponse(responseCode = "500", description = "When a test makes a filter in front of it explode")
    @GetMapping("/whoami")
    Actor whoami(@CurrentActor Actor actor) {
        return actor;
    }

    @Operation(summary = "The acting organisation's country")
    @GetMapping("/whoami/country")
    String country() {
        return TokenClaims.current(TokenClaims.COUNTRY).orElse("none");
    }

    /** Throws what services and Axon throw. */
    @Operation(summary = "Fail as services and Axon do", extensions = @Extension(properties = @ExtensionProperty(
            name = "refuses-beyond-its-schema", value = "it throws what services and Axon throw, a 400 among them")))
    @ApiResponse(responseCode = "500", description = "An unexpected failure, on purpose")
    @PostMapping("/failures/{kind}")
    void fail(@PathVariable String kind) {
        RuleViolation notDraft = RuleViolation.conflict("listing-not-draft", "Only a draft can be revised");
        throw switch (kind) {
            case "conflict" -> notDraft;
            case "unprocessable" -> RuleViolation.unprocessable("reserve-above-asking", "reservePrice",
                    "The reserve price may not exceed the asking price");
            case "aggregate-not-found" -> new AggregateNotFoundException("7d6c", "No listing 7d6c");
            case "concurrency" -> new ConcurrencyException("sequence number 4 of 7d6c already taken");
            case "stream-exists" -> new AggregateStreamCreationException("stream 7d6c exists");
            case "command-wrapped" -> new CommandExecutionException("command failed", notDraft);
            case "command-details" -> new CommandExecutionException("remote command failed", null, notDraft.details());
            case "command-wrapped-concurrency" -> new CommandExecutionException("command failed",
                    new ConcurrencyException("sequence number taken"));
            case "jsr303" -> new JSR303ViolationException(validator.validate((Object) new ThingRequest(
                    "r", new Title(" ", null), 12, AssetType.PATENT, List.of(new Inventor("Ada", "not-an-email")))));
            case "database-down" -> databaseDown();
            case "axon-database-down" -> new EventStoreException("could not append", databaseDown());
            case "unexpected" -> new IllegalStateException("NullPointer at com.internal.Secret line 42, password=hunter2");
            default -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No failure " + kind);
        };
    }

    /** What a lost database really throws: a connection to a port where nothing listens. */
    private static RuntimeException databaseDown() {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var nowhere = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + closedPort + "/nowhere?connectTimeout=1", "postgres", "");
        try {
            new JdbcTemplate(nowhere).queryForObject("SELECT 1", Integer.class);
        } catch (RuntimeException lost) {
            return lost;
        }
        throw new IllegalStateException("Something listens on port " + closedPort);
    }

    private long execute(String reference, Actor actor) {
        jdbc.update("INSERT INTO execution (reference, organisation) VALUES (?, ?)", reference, actor.organisationId());
        return jdbc.queryForObject("SELECT count(*) FROM execution WHERE reference = ?", Long.class, reference);
    }
}
