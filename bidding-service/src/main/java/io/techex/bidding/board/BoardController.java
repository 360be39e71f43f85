package io.techex.bidding.board;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.UUID;

/** The live board of an auction (English or sealed-bid) as Server-Sent Events: the board now, then every change. */
@RestController
@RequestMapping("/auctions")
@Tag(name = "Live boards", description = "An auction's board as Server-Sent Events")
class BoardController {

    private final BoardWatchers watchers;

    BoardController(BoardWatchers watchers) {
        this.watchers = watchers;
    }

    @Operation(summary = "Watch an auction's live board", description = "The board now, then every change, as Server-Sent Events.")
    @GetMapping(path = "/{auctionId}/board", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter board(@PathVariable UUID auctionId) {
        return watchers.watch(auctionId.toString())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No auction " + auctionId));
    }
}
