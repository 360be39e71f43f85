package io.techex.bidding.sealed;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * How a sealed bid is committed: the lowercase hex SHA-256 of the UTF-8 bytes of
 * <pre>auctionId|bidderOrganisationId|amount|currency|secret</pre>
 * where {@code amount} is the plain decimal without exponent and without trailing fractional zeros
 * ({@code 1500000000}, {@code 1500000000.5}; {@code 1.5E9} and {@code 1500000000.00} are both {@code 1500000000}),
 * {@code currency} the auction's ISO 4217 code and {@code secret} any string the bidder chose and keeps until the
 * reveal. The bidder computes it on its own machine, so the exchange never holds the amount before the reveal.
 *
 * <p>Why each part: the auction and the bidder bind the commitment to one bid, so nobody can copy another firm's hash
 * and reveal it as its own (the reveal would name another bidder) or reuse it in another auction; the secret makes the
 * hash unguessable, as amounts are few enough to try them all. It should hold at least 128 random bits (e.g. 32 hex
 * characters); the exchange cannot check that before the reveal.
 */
public final class SealedBidCommitment {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");

    private SealedBidCommitment() {
    }

    /** The canonical string that is hashed. */
    public static String canonical(String auctionId, String bidderOrganisationId, BigDecimal amount, String currency,
                                   String secret) {
        return auctionId + "|" + bidderOrganisationId + "|" + canonicalAmount(amount) + "|" + currency + "|" + secret;
    }

    public static String of(String auctionId, String bidderOrganisationId, BigDecimal amount, String currency,
                            String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(auctionId, bidderOrganisationId, amount, currency, secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    public static boolean isWellFormed(String commitment) {
        return commitment != null && FORMAT.matcher(commitment).matches();
    }

    static String canonicalAmount(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }
}
