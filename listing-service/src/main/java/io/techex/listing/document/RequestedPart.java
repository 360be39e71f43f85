package io.techex.listing.document;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * What one download request gets of a document (RFC 9110 §14): all of it, or one byte range of it.
 * <p>
 * One range is served as asked ({@code 206}) while the caller's copy is this document: an {@code If-Range}, if sent,
 * must name its ETag or its Last-Modified date. Anything else gets the whole document ({@code 200}), as the RFC
 * allows: no Range, a Range of another unit or unreadable, several ranges in one request (clients resuming a download
 * ask for one), or an If-Range naming another version. A range that starts beyond the document's last byte is a
 * {@code 416}.
 *
 * @param first  the first byte sent
 * @param last   the last byte sent
 * @param length the document's length in bytes
 * @param ranged whether this is one range (a 206) rather than the whole document (a 200)
 */
record RequestedPart(long first, long last, long length, boolean ranged) {

    /**
     * @param range        the request's {@code Range}, or null
     * @param ifRange      the request's {@code If-Range}, or null
     * @param etag         the document's strong ETag, quoted
     * @param lastModified when the document was attached: its content never changes afterwards
     * @throws ErrorResponseException a {@code 416} when the one range asked for lies beyond the document
     */
    static RequestedPart of(String range, String ifRange, String etag, Instant lastModified, long length) {
        RequestedPart whole = new RequestedPart(0, length - 1, length, false);
        if (range == null || range.isBlank() || !sameVersion(ifRange, etag, lastModified)) {
            return whole;
        }
        List<HttpRange> ranges;
        try {
            ranges = HttpRange.parseRanges(range);
        } catch (IllegalArgumentException unreadable) {
            return whole;
        }
        if (ranges.size() != 1) {
            return whole;
        }
        long first;
        long last;
        try {
            first = ranges.getFirst().getRangeStart(length);
            last = ranges.getFirst().getRangeEnd(length);
        } catch (IllegalArgumentException beyondTheEnd) {
            throw notSatisfiable(range, length);
        }
        if (last < first) {
            // a suffix of zero bytes
            throw notSatisfiable(range, length);
        }
        return new RequestedPart(first, last, length, true);
    }

    /** Whether this part holds the document's first byte: a download starts there, a resumed one does not. */
    boolean startsTheDocument() {
        return first == 0;
    }

    byte[] of(byte[] content) {
        return ranged ? Arrays.copyOfRange(content, (int) first, (int) last + 1) : content;
    }

    String contentRange() {
        return "bytes " + first + "-" + last + "/" + length;
    }

    /** RFC 9110 §13.1.5: a strong ETag that is the document's, or exactly its Last-Modified date. */
    private static boolean sameVersion(String ifRange, String etag, Instant lastModified) {
        if (ifRange == null) {
            return true;
        }
        String validator = ifRange.strip();
        if (validator.startsWith("\"") || validator.startsWith("W/")) {
            return validator.equals(etag);
        }
        try {
            return ZonedDateTime.parse(validator, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                    .equals(lastModified.truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeException notADate) {
            return false;
        }
    }

    private static ErrorResponseException notSatisfiable(String range, long length) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                "The document has " + length + " bytes: " + range + " asks for none of them");
        ErrorResponseException refused = new ErrorResponseException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, problem, null);
        refused.getHeaders().set(HttpHeaders.CONTENT_RANGE, "bytes */" + length);
        return refused;
    }
}
