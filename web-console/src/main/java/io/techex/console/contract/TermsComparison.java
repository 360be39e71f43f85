package io.techex.console.contract;

import io.techex.console.format.Formats;
import io.techex.console.services.ContractModel.Money;
import io.techex.console.services.ContractModel.Terms;
import org.springframework.context.MessageSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A contract's terms beside an amendment's, term by term as the reader reads them, each marked where it changes. */
final class TermsComparison {

    record Change(String label, String before, String after, boolean changed) {
    }

    private TermsComparison() {
    }

    static List<Change> of(Terms now, Terms proposed, Formats fmt, MessageSource messages, Locale locale) {
        Function<String, String> message = key -> messages.getMessage(key, null, key, locale);
        List<Change> changes = new ArrayList<>();
        add(changes, message.apply("terms.fieldOfUse"), now, proposed,
                t -> t.fieldOfUse() == null ? message.apply("terms.fieldOfUse.any") : t.fieldOfUse());
        add(changes, message.apply("terms.territory"), now, proposed,
                t -> t.territory() == null ? message.apply("terms.territory.any") : t.territory());
        add(changes, message.apply("contract.termStart"), now, proposed,
                t -> t.termStart() == null ? message.apply("contract.termStart.onEffect") : fmt.date(t.termStart()));
        add(changes, message.apply("contract.termEnd"), now, proposed, t -> t.termEnd() != null ? fmt.date(t.termEnd())
                : t.termMonths() != null ? messages.getMessage("terms.term.months", new Object[]{t.termMonths()}, locale)
                : message.apply("terms.term.forGood"));
        add(changes, message.apply("terms.lumpSum"), now, proposed, t -> money(fmt, t.price()));
        add(changes, message.apply("terms.royalty"), now, proposed, t -> t.royalty() == null ? "—"
                : messages.getMessage("contract.royalty", new Object[]{fmt.percent(t.royalty().ratePercent()),
                message.apply("contract.period." + t.royalty().period()), t.royalty().minimumPerYear() == null ? "—"
                : money(fmt, t.royalty().minimumPerYear())}, locale));
        add(changes, message.apply("terms.milestones"), now, proposed, t -> t.milestones().isEmpty() ? "—"
                : t.milestones().stream().map(m -> m.milestoneId() + ": " + m.description()
                + (m.dueDate() == null ? "" : ", " + fmt.date(m.dueDate()))
                + (m.payment() == null ? "" : ", " + money(fmt, m.payment()))).collect(Collectors.joining("; ")));
        add(changes, message.apply("contract.governingTerms"), now, proposed,
                t -> t.governingTerms() == null ? "—" : t.governingTerms());
        return changes;
    }

    private static void add(List<Change> changes, String label, Terms now, Terms proposed, Function<Terms, String> text) {
        String before = text.apply(now);
        String after = text.apply(proposed);
        changes.add(new Change(label, before, after, !Objects.equals(before, after)));
    }

    private static String money(Formats fmt, Money money) {
        return money == null ? "—" : fmt.money(money);
    }
}
