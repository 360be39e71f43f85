package io.techex.contract.legal;

import java.util.List;

/**
 * What a transfer needs between its last signature and taking effect.
 *
 * @param permitRequired       a regulator's transfer permit (restricted technology)
 * @param registrationRequired registration with a regulator
 * @param reasons              the rules that applied, in words, for the parties and the trail
 */
public record LegalPath(boolean permitRequired, boolean registrationRequired, List<String> reasons) {

    public LegalPath {
        reasons = List.copyOf(reasons);
    }

    /** Takes effect on the last signature. */
    public boolean takesEffectOnSignature() {
        return !permitRequired && !registrationRequired;
    }
}
