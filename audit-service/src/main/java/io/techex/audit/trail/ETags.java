package io.techex.audit.trail;

/** If-None-Match against one entity tag, compared weakly as RFC 9110 (13.1.2) asks of GET: W/ makes no difference. */
final class ETags {

    private ETags() {
    }

    /**
     * Whether {@code ifNoneMatch} (the header, possibly null) names {@code etag}: "*", or a list in which one tag is
     * the same, each taken without its W/.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*")) {
                return true;
            }
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
