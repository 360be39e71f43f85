package io.techex.testkit;

/** A {@code host:port} address. */
record HostPort(String host, int port) {

    static HostPort parse(String value, String what) {
        String trimmed = value.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException(what + " must be host:port, not '" + value + "'");
        }
        try {
            return new HostPort(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be host:port, not '" + value + "'", e);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
