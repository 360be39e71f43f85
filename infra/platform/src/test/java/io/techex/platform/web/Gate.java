package io.techex.platform.web;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a request inside its handler until the test lets it go, so a test can act while the request is known to be
 * in flight (instead of sleeping and hoping).
 */
public class Gate {

    private volatile CountDownLatch entered = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);

    /** Closes the gate for the next request. */
    public void close() {
        entered = new CountDownLatch(1);
        released = new CountDownLatch(1);
    }

    /** Called by the handler: says it is inside, then waits to be released. */
    void pass() throws InterruptedException {
        CountDownLatch release = released;
        entered.countDown();
        if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The test never opened the gate");
        }
    }

    /** Waits until a request is inside the handler. */
    public boolean awaitEntered(Duration timeout) throws InterruptedException {
        return entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void open() {
        released.countDown();
    }
}
