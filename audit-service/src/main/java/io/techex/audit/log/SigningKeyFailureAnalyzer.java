package io.techex.audit.log;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing or unusable signing key into Spring Boot's short "APPLICATION FAILED TO START" report. */
class SigningKeyFailureAnalyzer extends AbstractFailureAnalyzer<SigningKey.Problem> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SigningKey.Problem cause) {
        return new FailureAnalysis(cause.getMessage(), "Set " + SigningKey.VARIABLE + " to the key file (made with `"
                + SigningKey.GENERATE + "`), the same for every replica. Only for a local demo, techex.demo-mode=true"
                + " generates a key at start instead.", cause);
    }
}
