package io.techex.console.negotiation;

import io.techex.console.format.Formats;
import io.techex.console.services.BiddingModel.DealTerms;
import io.techex.console.services.BiddingModel.Milestone;
import io.techex.console.services.BiddingModel.Price;
import io.techex.console.services.BiddingModel.Round;
import org.springframework.context.MessageSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A negotiation's term sheet round by round, as a table whose columns are the rounds and whose rows are the terms:
 * each cell as the reader reads it, marked where it differs from the round before, so each side sees what changed.
 */
final class TermSheet {

    /** One term across the rounds. */
    record Row(String label, List<Cell> cells) {
    }

    /** @param words a large VND amount in words; @param changed differs from the round before */
    record Cell(String text, String words, boolean changed) {
    }

    private TermSheet() {
    }

    static List<Row> of(List<Round> rounds, Formats fmt, MessageSource messages, Locale locale) {
        List<Row> rows = new ArrayList<>();
        Function<String, String> message = key -> messages.getMessage(key, null, key, locale);
        rows.add(row(message.apply("terms.dealType"), rounds, round -> message.apply("deal." + round.terms().dealType()), null));
        rows.add(row(message.apply("terms.fieldOfUse"), rounds, round -> round.terms().fieldOfUse() == null
                ? message.apply("terms.fieldOfUse.any") : round.terms().fieldOfUse(), null));
        rows.add(row(message.apply("terms.territory"), rounds, round -> round.terms().territory() == null
                ? message.apply("terms.territory.any") : round.terms().territory(), null));
        rows.add(row(message.apply("terms.term"), rounds, round -> round.terms().termMonths() == null
                ? message.apply("terms.term.forGood")
                : messages.getMessage("terms.term.months", new Object[]{round.terms().termMonths()}, locale), null));
        rows.add(row(message.apply("terms.lumpSum"), rounds, round -> amount(fmt, price(round), price(round).lumpSum()),
                round -> fmt.amountInWords(price(round).lumpSum(), price(round).currency())));
        rows.add(row(message.apply("terms.royalty"), rounds, round -> price(round).runningRoyaltyPercent() == null ? "—"
                : fmt.percent(price(round).runningRoyaltyPercent()), null));
        rows.add(row(message.apply("terms.minimumAnnualRoyalty"), rounds,
                round -> amount(fmt, price(round), price(round).minimumAnnualRoyalty()),
                round -> fmt.amountInWords(price(round).minimumAnnualRoyalty(), price(round).currency())));
        rows.add(row(message.apply("terms.milestones"), rounds, round -> price(round).milestones().isEmpty() ? "—"
                : price(round).milestones().stream().map(m -> milestone(fmt, price(round), m))
                .collect(Collectors.joining("; ")), null));
        if (rounds.stream().anyMatch(round -> round.terms().licence() != null)) {
            licenceRows(rows, rounds, fmt, messages, locale);
        }
        rows.add(row(message.apply("terms.validUntil"), rounds, round -> fmt.instant(round.validUntil()), null));
        return rows;
    }

    /** An option's rows for the licence it fixes, each labelled as the licence's, so the parties see it move too. */
    private static void licenceRows(List<Row> rows, List<Round> rounds, Formats fmt, MessageSource messages, Locale locale) {
        Function<String, String> label = key -> messages.getMessage("terms.licenceOnExercise.row",
                new Object[]{messages.getMessage(key, null, key, locale)}, locale);
        Function<Round, Price> price = round -> round.terms().licence() == null || round.terms().licence().price() == null
                ? new Price("VND", null, null, null, List.of()) : round.terms().licence().price();
        rows.add(row(label.apply("terms.dealType"), rounds, round -> round.terms().licence() == null ? "—"
                : messages.getMessage("deal." + round.terms().licence().dealType(), null, locale), null));
        rows.add(row(label.apply("terms.term"), rounds, round -> round.terms().licence() == null ? "—"
                : round.terms().licence().termMonths() == null ? messages.getMessage("terms.term.noEnd", null, locale)
                : messages.getMessage("terms.term.months", new Object[]{round.terms().licence().termMonths()}, locale), null));
        rows.add(row(label.apply("terms.lumpSum"), rounds, round -> amount(fmt, price.apply(round), price.apply(round).lumpSum()),
                round -> fmt.amountInWords(price.apply(round).lumpSum(), price.apply(round).currency())));
        rows.add(row(label.apply("terms.royalty"), rounds, round -> price.apply(round).runningRoyaltyPercent() == null ? "—"
                : fmt.percent(price.apply(round).runningRoyaltyPercent()), null));
        rows.add(row(label.apply("terms.minimumAnnualRoyalty"), rounds,
                round -> amount(fmt, price.apply(round), price.apply(round).minimumAnnualRoyalty()),
                round -> fmt.amountInWords(price.apply(round).minimumAnnualRoyalty(), price.apply(round).currency())));
    }

    private static Row row(String label, List<Round> rounds, Function<Round, String> text, Function<Round, String> words) {
        List<Cell> cells = new ArrayList<>();
        String before = null;
        for (Round round : rounds) {
            String value = text.apply(round);
            cells.add(new Cell(value, words == null ? null : words.apply(round), before != null && !Objects.equals(before, value)));
            before = value;
        }
        return new Row(label, cells);
    }

    private static Price price(Round round) {
        DealTerms terms = round.terms();
        return terms.price() == null ? new Price("VND", null, null, null, List.of()) : terms.price();
    }

    private static String amount(Formats fmt, Price price, java.math.BigDecimal amount) {
        return amount == null ? "—" : fmt.amount(amount, price.currency());
    }

    private static String milestone(Formats fmt, Price price, Milestone milestone) {
        return milestone.description() + ": " + amount(fmt, price, milestone.amount());
    }
}
