package io.techex.bidding.board;

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
class BoardController {

    private final BoardWatchers watchers;

    BoardController(BoardWatchers watchers) {
        this.watchers = watchers;
    }

    @GetMapping(path = "/{auctionId}/board", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter board(@PathVariable UUID auctionId) {
        return watchers.watch(auctionId.toString())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No auction " + auctionId));
    }
}
