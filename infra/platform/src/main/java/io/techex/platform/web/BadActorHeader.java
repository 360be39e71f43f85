package io.techex.platform.web;

/**
 * The request names its actor in a form that cannot be accepted (an unknown role, a header missing from the set);
 * answered 400 with {@code errors} naming the header.
 */
public class BadActorHeader extends RuntimeException {

    private final String header;

    /** {@code problem} completes the sentence "header ...", e.g. "must be one of [UNIVERSITY, FIRM]". */
    public BadActorHeader(String header, String problem) {
        super(problem);
        this.header = header;
    }

    public String header() {
        return header;
    }
}
