package io.techex.console.auction;

import io.techex.console.format.Formats;
import io.techex.console.services.Model.Deal;
import io.techex.console.services.Model.Listing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A seller's auction of one of its listing's deal options, English (starting price, hidden reserve, increment, soft
 * close, start and end) or sealed-bid (hidden reserve, start, the time bids are due, the end of the reveal). Its field
 * names are bidding-service's, so the service's problem names the field its message goes next to.
 */
public class ScheduleForm {

    public static final String ENGLISH = "ENGLISH";
    public static final String SEALED_BID = "SEALED_BID";

    private String format = ENGLISH;
    private int option;
    private String termMonths = "";
    private String currency = "VND";
    private String startingPrice = "";
    private String reservePrice = "";
    private String minimumIncrement = "";
    private String softCloseMinutes = "5";
    private String startsAt = "";
    private String bidsDueAt = "";
    private String endsAt = "";

    /** Starting now, bids taken for a week (a sealed-bid auction's reveal a day after), a five-minute soft close. */
    static ScheduleForm starting(String format, Instant now, Formats fmt) {
        ScheduleForm form = new ScheduleForm();
        form.format = SEALED_BID.equals(format) ? SEALED_BID : ENGLISH;
        form.startsAt = fmt.localInput(now);
        form.bidsDueAt = fmt.localInput(now.plus(Duration.ofDays(7)));
        form.endsAt = fmt.localInput(now.plus(Duration.ofDays(form.isSealedBid() ? 8 : 7)));
        return form;
    }

    public boolean isSealedBid() {
        return SEALED_BID.equals(format);
    }

    Deal deal(Listing listing) {
        return listing.dealTypes().isEmpty() ? new Deal(null, null, null)
                : listing.dealTypes().get(Math.floorMod(option, listing.dealTypes().size()));
    }

    /** bidding-service's request: the deal option's scope, amounts as plain decimals, times as instants. */
    Map<String, Object> toRequest(Listing listing, Locale locale) {
        Deal deal = deal(listing);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("listingId", listing.listingId());
        request.put("dealType", deal.dealType());
        put(request, "fieldOfUse", deal.fieldOfUse());
        put(request, "territory", deal.territory());
        if (!"ASSIGNMENT".equals(deal.dealType())) {
            put(request, "termMonths", whole(termMonths));
        }
        request.put("currency", currency == null || currency.isBlank() ? "VND" : currency.strip());
        put(request, "reservePrice", Formats.plainAmount(reservePrice, locale));
        request.put("startsAt", instant(startsAt));
        if (isSealedBid()) {
            request.put("bidsDueAt", instant(bidsDueAt));
        } else {
            request.put("startingPrice", Formats.plainAmount(startingPrice, locale));
            request.put("minimumIncrement", Formats.plainAmount(minimumIncrement, locale));
            put(request, "softCloseMinutes", whole(softCloseMinutes));
        }
        request.put("endsAt", instant(endsAt));
        return request;
    }

    /** What the seller commits to, to show before it is sent; null while an amount or time is not one yet. */
    Summary summary(Listing listing, Locale locale) {
        try {
            Deal deal = deal(listing);
            List<Map.Entry<String, BigDecimal>> amounts = new ArrayList<>();
            if (!isSealedBid()) {
                amounts.add(Map.entry("schedule.startingPrice", decimal(startingPrice, locale)));
                amounts.add(Map.entry("schedule.minimumIncrement", decimal(minimumIncrement, locale)));
            }
            if (reservePrice != null && !reservePrice.isBlank()) {
                amounts.add(Map.entry("schedule.reservePrice", decimal(reservePrice, locale)));
            }
            List<Map.Entry<String, Instant>> times = new ArrayList<>();
            times.add(Map.entry("schedule.startsAt", required(Formats.fromLocalInput(startsAt))));
            if (isSealedBid()) {
                times.add(Map.entry("schedule.bidsDueAt", required(Formats.fromLocalInput(bidsDueAt))));
            }
            times.add(Map.entry(isSealedBid() ? "schedule.revealsEndAt" : "schedule.endsAt", required(Formats.fromLocalInput(endsAt))));
            Integer months = "ASSIGNMENT".equals(deal.dealType()) || termMonths.isBlank() ? null : Integer.valueOf(termMonths.strip());
            Integer softClose = isSealedBid() || softCloseMinutes.isBlank() ? null : Integer.valueOf(softCloseMinutes.strip());
            return new Summary(format, deal.dealType(), deal.fieldOfUse(), deal.territory(), months,
                    currency == null || currency.isBlank() ? "VND" : currency.strip(), amounts, times, softClose);
        } catch (NumberFormatException | NullPointerException notYet) {
            return null;
        }
    }

    /** The form's values as hidden fields, to send the same form again from its confirmation. */
    List<Map.Entry<String, String>> hiddenFields() {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("format", format));
        fields.add(Map.entry("option", Integer.toString(option)));
        fields.add(Map.entry("termMonths", termMonths));
        fields.add(Map.entry("currency", currency));
        fields.add(Map.entry("startingPrice", startingPrice));
        fields.add(Map.entry("reservePrice", reservePrice));
        fields.add(Map.entry("minimumIncrement", minimumIncrement));
        fields.add(Map.entry("softCloseMinutes", softCloseMinutes));
        fields.add(Map.entry("startsAt", startsAt));
        fields.add(Map.entry("bidsDueAt", bidsDueAt));
        fields.add(Map.entry("endsAt", endsAt));
        return fields;
    }

    /** The form's field for a path of the service's problem: the same names, but the deal's, which the option sets. */
    String formPath(String requestPath) {
        return switch (requestPath == null ? "" : requestPath) {
            case "termMonths", "currency", "startingPrice", "reservePrice", "minimumIncrement", "softCloseMinutes",
                 "startsAt", "bidsDueAt", "endsAt" -> requestPath;
            case "dealType", "fieldOfUse", "territory" -> "option";
            default -> null;
        };
    }

    /**
     * @param amounts message key → amount, in order; @param times message key → instant, in order
     */
    public record Summary(String format, String dealType, String fieldOfUse, String territory, Integer termMonths,
                          String currency, List<Map.Entry<String, BigDecimal>> amounts,
                          List<Map.Entry<String, Instant>> times, Integer softCloseMinutes) {
    }

    private static BigDecimal decimal(String typed, Locale locale) {
        return new BigDecimal(Formats.plainAmount(typed, locale));
    }

    private static <T> T required(T value) {
        if (value == null) {
            throw new NullPointerException("not given");
        }
        return value;
    }

    private static String instant(String local) {
        Instant instant = Formats.fromLocalInput(local);
        return instant == null ? (local == null || local.isBlank() ? null : local.strip()) : instant.toString();
    }

    private static Object whole(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException notWhole) {
            return value.strip();
        }
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    public String getFormat() { return format; }
    public void setFormat(String format) { this.format = format; }
    public int getOption() { return option; }
    public void setOption(int option) { this.option = option; }
    public String getTermMonths() { return termMonths; }
    public void setTermMonths(String termMonths) { this.termMonths = termMonths; }
    public String getCurrency() { return currency; }
    public void setCurrency(String currency) { this.currency = currency; }
    public String getStartingPrice() { return startingPrice; }
    public void setStartingPrice(String startingPrice) { this.startingPrice = startingPrice; }
    public String getReservePrice() { return reservePrice; }
    public void setReservePrice(String reservePrice) { this.reservePrice = reservePrice; }
    public String getMinimumIncrement() { return minimumIncrement; }
    public void setMinimumIncrement(String minimumIncrement) { this.minimumIncrement = minimumIncrement; }
    public String getSoftCloseMinutes() { return softCloseMinutes; }
    public void setSoftCloseMinutes(String softCloseMinutes) { this.softCloseMinutes = softCloseMinutes; }
    public String getStartsAt() { return startsAt; }
    public void setStartsAt(String startsAt) { this.startsAt = startsAt; }
    public String getBidsDueAt() { return bidsDueAt; }
    public void setBidsDueAt(String bidsDueAt) { this.bidsDueAt = bidsDueAt; }
    public String getEndsAt() { return endsAt; }
    public void setEndsAt(String endsAt) { this.endsAt = endsAt; }
}
