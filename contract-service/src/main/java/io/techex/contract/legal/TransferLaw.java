package io.techex.contract.legal;

import io.techex.contract.api.RegulatoryCategory;
import io.techex.platform.rules.RuleViolation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The legal path of a technology transfer under Vietnam's Law on Technology Transfer 2017, in one place. Each rule has
 * its test in {@code TransferLawTest}.
 * <ol>
 *   <li>A technology on the prohibited list (article 11) is never transferred: no contract is created.</li>
 *   <li>A technology on the restricted list (article 10) needs a transfer permit from a regulator (article 29)
 *       before the contract takes effect. The permit takes the place of registration: article 31(1) exempts
 *       transfers of restricted technologies that have been permitted.</li>
 *   <li>Otherwise registration with a regulator is required (article 31(1)) for a transfer from abroad into Vietnam,
 *       from Vietnam abroad, and a transfer within Vietnam of results of State-funded research.</li>
 *   <li>Otherwise the contract takes effect on its last signature.</li>
 * </ol>
 * A transfer between two foreign organisations is outside the law's registration duty and takes effect on signature;
 * a restricted technology still needs its permit, since the asset is listed on a Vietnamese exchange.
 * <p>
 * Countries are the parties' ISO codes as their people's tokens state them, recorded when each signs: the path is
 * decided on the last signature, when both are known (an organisation's country is not in the deal).
 */
public final class TransferLaw {

    public static final String VIETNAM = "VN";

    /**
     * How long a regulator has for a decision, tracked from the request (the last signature, or the permit for a
     * contract that needs both). The law counts working days (article 31: 5 for a registration; decree 76/2018:
     * 30 days for a permit); calendar days here are the stricter reading.
     */
    public static final Duration PERMIT_DECISION_TIME = Duration.ofDays(30);
    public static final Duration REGISTRATION_DECISION_TIME = Duration.ofDays(5);

    private TransferLaw() {
    }

    /** Refuses a technology whose transfer is prohibited; the one rule that stops a contract being created. */
    public static void requireTransferable(RegulatoryCategory category) {
        if (category == RegulatoryCategory.PROHIBITED) {
            throw RuleViolation.conflict("transfer-prohibited", "The technology is on the list of technologies whose "
                    + "transfer is prohibited (Law on Technology Transfer 2017, article 11): no contract can be made");
        }
    }

    /** The path from the last signature to taking effect. */
    public static LegalPath pathOf(Transfer transfer) {
        requireTransferable(transfer.category());
        List<String> reasons = new ArrayList<>();
        boolean permit = transfer.category() == RegulatoryCategory.RESTRICTED;
        if (permit) {
            reasons.add("restricted technology: a transfer permit is required (article 29), which replaces registration (article 31(1))");
        }
        boolean fromVietnam = VIETNAM.equals(transfer.transferorCountry());
        boolean toVietnam = VIETNAM.equals(transfer.transfereeCountry());
        boolean registration = false;
        if (!permit) {
            if (!fromVietnam && toVietnam) {
                registration = true;
                reasons.add("transfer from abroad (" + transfer.transferorCountry() + ") into Vietnam: registration is required (article 31(1)(a))");
            } else if (fromVietnam && !toVietnam) {
                registration = true;
                reasons.add("transfer from Vietnam abroad (" + transfer.transfereeCountry() + "): registration is required (article 31(1)(b))");
            } else if (fromVietnam && transfer.stateFunded()) {
                registration = true;
                reasons.add("domestic transfer of results of State-funded research: registration is required (article 31(1)(c))");
            }
        }
        if (!permit && !registration) {
            reasons.add(fromVietnam || toVietnam
                    ? "domestic transfer of a technology neither restricted nor State-funded: takes effect on the last signature"
                    : "transfer between organisations outside Vietnam: no registration duty, takes effect on the last signature");
        }
        return new LegalPath(permit, registration, reasons);
    }
}
