package io.techex.notification.feed;

import io.techex.notification.addressing.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import io.techex.notification.addressing.Kind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Puts a notification into words in the reader's language, from {@code notification/messages_<language>.properties}
 * (a basename of its own: the launcher runs every service on one classpath). The listing's title is looked up when the
 * notification is read, not when it is written, so a feed rebuilt from topics read in another interleaving still says
 * the same, and a title revised later shows as revised.
 */
@Component
public class Renderer {

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    private final ZoneId zone;

    Renderer(@Value("${techex.notification.zone:Asia/Ho_Chi_Minh}") ZoneId zone) {
        this.zone = zone;
        messages.setBasename("notification/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
    }

    /** A notification's words. */
    public record Rendered(String subject, String text) {
    }

    /** A listing's titles, either of which may be missing. */
    public record Titles(String vi, String en) {
        public static final Titles NONE = new Titles(null, null);
    }

    public Rendered render(Kind kind, JsonNode params, Titles titles, Locale locale) {
        String side = params.path("side").asText("");
        String code = "notification." + kind.name() + (side.isEmpty() ? "" : "." + side);
        Object[] arguments = kind.arguments().stream().map(name -> argument(name, params, titles, locale)).toArray();
        return new Rendered(messages.getMessage(code + ".subject", arguments, locale),
                messages.getMessage(code + ".text", arguments, locale));
    }

    /** Any other message of the service, e.g. the e-mail's footer. */
    public String message(String code, Locale locale, Object... arguments) {
        return messages.getMessage(code, arguments, locale);
    }

    private String argument(String name, JsonNode params, Titles titles, Locale locale) {
        JsonNode value = params.path(name);
        return switch (name) {
            case "title" -> title(params.path("listingId").asText(""), titles, locale);
            case "amount" -> money(value.asText(""), params.path("currency").asText(""), locale);
            case "validUntil", "dueBy", "lapsesAt" -> value.isTextual() ? time(Instant.parse(value.asText()), locale) : "";
            case "decision" -> messages.getMessage("decision." + value.asText(), null, value.asText(), locale);
            case "score" -> value.isMissingNode() ? "" : percent(new BigDecimal(value.asText()), locale);
            default -> value.asText("");
        };
    }

    private String title(String listingId, Titles titles, Locale locale) {
        String preferred = "en".equals(locale.getLanguage()) ? titles.en() : titles.vi();
        String other = "en".equals(locale.getLanguage()) ? titles.vi() : titles.en();
        if (preferred != null && !preferred.isBlank()) {
            return preferred;
        }
        if (other != null && !other.isBlank()) {
            return other;
        }
        return messages.getMessage("title.unknown", new Object[]{listingId}, locale);
    }

    /** 1.550.000.000 VND in Vietnamese, 1,550,000,000 VND in English: every digit, never rounded. */
    private static String money(String amount, String currency, Locale locale) {
        if (amount.isEmpty()) {
            return "";
        }
        BigDecimal value = new BigDecimal(amount);
        NumberFormat format = NumberFormat.getNumberInstance(numberLocale(locale));
        format.setMaximumFractionDigits(Math.max(0, value.stripTrailingZeros().scale()));
        format.setMinimumFractionDigits(0);
        return format.format(value) + (currency.isEmpty() ? "" : " " + currency);
    }

    private static String percent(BigDecimal score, Locale locale) {
        NumberFormat format = NumberFormat.getPercentInstance(numberLocale(locale));
        return format.format(score);
    }

    /** 14:30 01/12/2026 GMT+7, in the configured zone. */
    private String time(Instant instant, Locale locale) {
        return DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy O", locale).format(instant.atZone(zone));
    }

    private static Locale numberLocale(Locale locale) {
        return "en".equals(locale.getLanguage()) ? Locale.UK : Locale.forLanguageTag("vi-VN");
    }
}
