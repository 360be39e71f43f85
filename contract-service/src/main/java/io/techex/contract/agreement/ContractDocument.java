package io.techex.contract.agreement;

import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.IpTitleRef;
import io.techex.contract.api.LicenceTerms;
import io.techex.contract.api.Milestone;
import io.techex.contract.api.Money;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The contract as a Markdown document, rendered from its parties and terms alone (no clock, no locale), so the same
 * version always renders to the same bytes and its SHA-256 is what the parties sign.
 */
public record ContractDocument(String contractId, String listingId, String sellerOrganisationId,
                               String buyerOrganisationId, String technologyTitle, List<IpTitleRef> ipTitles,
                               ContractTerms terms, int version) {

    public String markdown() {
        var md = new StringBuilder();
        md.append("# Technology transfer contract ").append(contractId).append(", version ").append(version).append("\n\n");
        md.append("Under the Law on Technology Transfer 2017 of Vietnam.\n\n");
        md.append("## Parties\n\n");
        md.append("- ").append(switch (terms.dealType()) {
            case ASSIGNMENT -> "Assignor";
            case OPTION -> "Grantor";
            default -> "Licensor";
        }).append(": ").append(sellerOrganisationId).append('\n');
        md.append("- ").append(switch (terms.dealType()) {
            case ASSIGNMENT -> "Assignee";
            case OPTION -> "Holder";
            default -> "Licensee";
        }).append(": ").append(buyerOrganisationId).append("\n\n");
        md.append("## Technology\n\n");
        md.append("- Listing: ").append(listingId).append('\n');
        md.append("- Title: ").append(technologyTitle).append('\n');
        for (IpTitleRef title : ipTitles) {
            md.append("- IP title: ").append(title.office()).append(' ').append(title.number()).append('\n');
        }
        md.append("\n## Rights transferred\n\n");
        md.append("- Deal: ").append(terms.dealType()).append('\n');
        md.append("- Field of use: ").append(terms.fieldOfUse() == null ? "all fields" : terms.fieldOfUse()).append('\n');
        md.append("- Territory: ").append(terms.territory() == null ? "worldwide" : terms.territory()).append('\n');
        md.append("- From: ").append(terms.termStart() == null ? "the day this contract takes effect" : terms.termStart()).append('\n');
        md.append("- Until: ").append(terms.termEnd() != null ? terms.termEnd().toString()
                : terms.termMonths() != null ? terms.termMonths() + " months from the first day" : "without end").append("\n\n");
        md.append("## Price\n\n");
        md.append("- Lump sum: ").append(money(terms.price())).append('\n');
        if (terms.royalty() != null) {
            md.append("- Royalty: ").append(terms.royalty().ratePercent().toPlainString()).append("% of net sales per ")
                    .append(terms.royalty().period());
            if (terms.royalty().minimumPerYear() != null) {
                md.append(", at least ").append(money(terms.royalty().minimumPerYear())).append(" a year");
            }
            md.append('\n');
        }
        if (!terms.milestones().isEmpty()) {
            md.append("\n## Milestones\n\n");
            for (Milestone milestone : terms.milestones()) {
                md.append("- ").append(milestone.milestoneId()).append(": ").append(milestone.description())
                        .append(milestone.dueDate() == null ? "" : ", due " + milestone.dueDate());
                if (milestone.payment() != null) {
                    md.append(", pays ").append(money(milestone.payment()));
                }
                md.append('\n');
            }
        }
        LicenceTerms licence = terms.licenceOnExercise();
        if (licence != null) {
            // the option's fee is its price above; what follows binds the grantor if the holder exercises it in time
            md.append("\n## Licence on exercise\n\n");
            md.append("The holder may, while this option is in force, take the following licence in the field of use ")
                    .append("and territory above, from the day the licence contract takes effect.\n\n");
            md.append("- Deal: ").append(licence.dealType()).append('\n');
            md.append("- Until: ").append(licence.termMonths() != null ? licence.termMonths() + " months from the first day"
                    : "without end").append('\n');
            md.append("- Lump sum: ").append(money(licence.price())).append('\n');
            if (licence.royalty() != null) {
                md.append("- Royalty: ").append(licence.royalty().ratePercent().toPlainString()).append("% of net sales per ")
                        .append(licence.royalty().period());
                if (licence.royalty().minimumPerYear() != null) {
                    md.append(", at least ").append(money(licence.royalty().minimumPerYear())).append(" a year");
                }
                md.append('\n');
            }
            for (Milestone milestone : licence.milestones()) {
                md.append("- Milestone ").append(milestone.milestoneId()).append(": ").append(milestone.description())
                        .append(milestone.dueDate() == null ? "" : ", due " + milestone.dueDate());
                if (milestone.payment() != null) {
                    md.append(", pays ").append(money(milestone.payment()));
                }
                md.append('\n');
            }
        }
        md.append("\n## Governing terms\n\n").append(terms.governingTerms() == null ? "The law of Vietnam." : terms.governingTerms()).append('\n');
        return md.toString();
    }

    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(markdown().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static String money(Money money) {
        return money.amount().toPlainString() + " " + money.currency();
    }
}
