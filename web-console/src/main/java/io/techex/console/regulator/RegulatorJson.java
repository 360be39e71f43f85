package io.techex.console.regulator;

import io.techex.console.format.Formats;
import io.techex.console.regulator.Regulation.Money;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * For the regulator's templates ({@code @regulatorJson}): an event's data as indented JSON, numbers exactly as the
 * service sent them; a contract's money in the reader's locale, large VND amounts also in words.
 */
@Component("regulatorJson")
public class RegulatorJson {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public String pretty(Object data) {
        return data == null ? "" : JSON.writeValueAsString(data);
    }

    public String money(Money money) {
        return money == null || money.amount() == null ? null
                : Formats.money(money.amount(), money.currency(), LocaleContextHolder.getLocale());
    }

    public String moneyInWords(Money money) {
        return money == null || money.amount() == null ? null
                : Formats.moneyInWords(money.amount(), money.currency(), LocaleContextHolder.getLocale());
    }
}
