package io.techex.contract.rights;

import io.techex.contract.api.DealType;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.techex.contract.api.DealType.ASSIGNMENT;
import static io.techex.contract.api.DealType.EXCLUSIVE_LICENCE;
import static io.techex.contract.api.DealType.NON_EXCLUSIVE_LICENCE;
import static io.techex.contract.api.DealType.OPTION;

/**
 * Which rights may coexist in one asset, in one place; {@code RightsOverlapTest} has a case for each rule. Rights
 * overlap in <em>scope</em> when their periods share a day, their fields of use meet (absent = every field; named
 * fields meet when equal ignoring case and spacing) and their territories meet (absent = worldwide).
 * <ol>
 *   <li>An exclusive licence may not overlap in scope another exclusive licence, nor a non-exclusive one (which
 *       would make it not exclusive); a non-exclusive licence may not overlap an exclusive one.</li>
 *   <li>Non-exclusive licences may overlap each other.</li>
 *   <li>An assignment covers every field and territory from its first day on. Once an asset is assigned, only the
 *       assignee grants rights in it: a later licence or assignment whose grantor is someone else, in a period the
 *       assignment covers, is refused. An assignment by the assignee continues the chain of title and ends the
 *       earlier assignment the day before it starts.</li>
 *   <li>An asset under an exclusive licence cannot be assigned during the licence; non-exclusive licences survive an
 *       assignment (the assignee takes the asset subject to them).</li>
 *   <li>A term that ended before it could start (its last day before its first) grants nothing.</li>
 *   <li>An option in force is an exclusive reservation: it counts as an exclusive licence in every rule above, so
 *       no other licence (nor option) overlapping it in scope, and no assignment, takes effect during it. The one
 *       licence it makes room for is the one its exercise drew up ({@link RightsClaim#exercisedOption()}), which
 *       the ledger checks without it and which ends it.</li>
 * </ol>
 */
public final class RightsOverlap {

    private RightsOverlap() {
    }

    /** Why {@code claim} may not be held alongside {@code held}, or empty if it may. */
    public static Optional<String> conflict(Grant claim, List<Grant> held) {
        if (claim.until() != null && claim.until().isBefore(claim.from())) {
            return Optional.of("its term ended on " + claim.until() + ", before the rights could start on " + claim.from());
        }
        for (Grant other : held) {
            if (other.contractId().equals(claim.contractId()) || !periodsMeet(claim, other)) {
                continue;
            }
            Optional<String> reason = conflict(claim, other);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    /** Held assignments that {@code claim}, an assignment by their assignee, ends: the chain of title moves on. */
    public static List<Grant> supersededBy(Grant claim, List<Grant> held) {
        if (claim.dealType() != ASSIGNMENT) {
            return List.of();
        }
        return held.stream()
                .filter(other -> other.dealType() == ASSIGNMENT && periodsMeet(claim, other)
                        && other.holderOrganisationId().equals(claim.grantorOrganisationId()))
                .toList();
    }

    private static Optional<String> conflict(Grant claim, Grant other) {
        if (other.dealType() == ASSIGNMENT) {
            if (!other.holderOrganisationId().equals(claim.grantorOrganisationId())) {
                return Optional.of(claim.grantorOrganisationId() + " no longer owns the asset in that period: contract "
                        + other.contractId() + " assigned it to " + other.holderOrganisationId() + " from " + other.from());
            }
            return Optional.empty();
        }
        if (claim.dealType() == ASSIGNMENT) {
            return exclusive(other.dealType())
                    ? Optional.of("the asset is under an " + describe(other.dealType()) + " (contract " + other.contractId() + ", to "
                            + other.holderOrganisationId() + ") in that period and cannot be assigned during it")
                    : Optional.empty();
        }
        boolean eitherExclusive = exclusive(claim.dealType()) || exclusive(other.dealType());
        if (eitherExclusive && fieldsMeet(claim.fieldOfUse(), other.fieldOfUse()) && territoriesMeet(claim.territory(), other.territory())) {
            return Optional.of("it overlaps the " + describe(other.dealType()) + " of contract " + other.contractId()
                    + " (to " + other.holderOrganisationId() + ", field " + orAll(other.fieldOfUse(), "every field")
                    + ", territory " + orAll(other.territory(), "worldwide") + ", " + other.from() + " to "
                    + orAll(other.until() == null ? null : other.until().toString(), "no end") + ")");
        }
        return Optional.empty();
    }

    /** An exclusive licence, or an option reserving the rights for one. */
    static boolean exclusive(DealType type) {
        return type == EXCLUSIVE_LICENCE || type == OPTION;
    }

    static boolean periodsMeet(Grant a, Grant b) {
        return !after(a.from(), b.until()) && !after(b.from(), a.until());
    }

    private static boolean after(LocalDate day, LocalDate lastDay) {
        return lastDay != null && day.isAfter(lastDay);
    }

    static boolean fieldsMeet(String a, String b) {
        return a == null || b == null || normal(a).equals(normal(b));
    }

    static boolean territoriesMeet(String a, String b) {
        return a == null || b == null || a.equals(b);
    }

    private static String normal(String field) {
        return field.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String describe(DealType type) {
        return switch (type) {
            case NON_EXCLUSIVE_LICENCE -> "non-exclusive licence";
            case OPTION -> "option (an exclusive reservation)";
            default -> "exclusive licence";
        };
    }

    private static String orAll(String value, String all) {
        return value == null ? all : value;
    }
}
