package io.techex.audit.trail;

import io.techex.platform.actor.Actor;
import io.techex.platform.web.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The regulator's view of an asset's history across all services. */
@RestController
@RequestMapping("/audit/assets")
class TrailController {

    private final AssetTrails trails;

    TrailController(AssetTrails trails) {
        this.trails = trails;
    }

    @GetMapping("/{assetId}/trail")
    AssetTrail trail(@PathVariable String assetId, @CurrentActor Actor actor) {
        return trails.find(assetId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No trail for asset " + assetId));
    }
}
