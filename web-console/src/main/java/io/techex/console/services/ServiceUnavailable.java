package io.techex.console.services;

/** A service did not answer, or answered with a server error: the page says so instead of showing a stack trace. */
public final class ServiceUnavailable extends RuntimeException {

    public ServiceUnavailable(String service, Throwable cause) {
        super(service + " is unavailable: " + cause.getMessage(), cause);
    }

    public ServiceUnavailable(String service, int status) {
        super(service + " answered " + status);
    }
}
