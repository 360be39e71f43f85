package io.techex.platform.web;

/** The request does not say who makes it, but the endpoint needs an actor: answered 401 {@code unauthenticated}. */
public class Unauthenticated extends RuntimeException {

    public Unauthenticated() {
        super("This request must say who makes it");
    }
}
