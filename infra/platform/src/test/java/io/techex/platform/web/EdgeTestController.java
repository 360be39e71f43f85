package io.techex.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints for the edge's tests: one that a single role may read (and no one may write), and commands that go
 * through Axon to an aggregate that refuses them.
 */
@RestController
@Tag(name = "Edge", description = "Methods a path does not have, and refusals from an aggregate")
class EdgeTestController {

    private final ActingCommandGateway commands;

    EdgeTestController(ActingCommandGateway commands) {
        this.commands = commands;
    }

    /** Opened to universities only by {@link WebTestApplication}'s access rules; GET is its only method. */
    @Operation(summary = "Read a report (universities)")
    @GetMapping("/reports/{reportId}")
    String report(@PathVariable String reportId) {
        return reportId;
    }

    @Operation(summary = "Register a share")
    @PostMapping("/things/registrations/{registrationId}")
    @ResponseStatus(HttpStatus.CREATED)
    void register(@PathVariable String registrationId, @RequestParam int sharePercent, @CurrentActor Actor actor) {
        commands.send(new Registration.Register(registrationId, sharePercent), actor);
    }

    @Operation(summary = "Withdraw a registration")
    @PostMapping("/things/registrations/{registrationId}/withdrawal")
    void withdraw(@PathVariable String registrationId, @CurrentActor Actor actor) {
        commands.send(new Registration.Withdraw(registrationId), actor);
    }
}
