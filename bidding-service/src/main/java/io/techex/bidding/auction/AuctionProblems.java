package io.techex.bidding.auction;

import io.techex.platform.web.FieldProblem;
import io.techex.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

/**
 * A bid (or a maximum) too low is the platform's 409 rule problem, naming the field at fault, plus the number the
 * bidder must beat, {@code minimumBid}, so a client can offer it without reading the auction again. Ordered before the platform's handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuctionProblems {

    @ExceptionHandler(BidTooLow.class)
    ResponseEntity<ProblemDetail> bidTooLow(BidTooLow tooLow, HttpServletRequest request) {
        ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, tooLow.code(), tooLow.getMessage(), request.getRequestURI());
        problem.setProperty("errors", List.of(new FieldProblem(tooLow.field(), tooLow.getMessage())));
        problem.setProperty("minimumBid", Map.of("amount", tooLow.minimumBid().toPlainString(), "currency", tooLow.currency()));
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
