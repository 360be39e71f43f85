package io.techex.console.need;

import io.techex.console.format.Formats;
import io.techex.console.services.NeedsModel.Need;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The form a firm posts a technology need with. Its property paths are the service's JSON paths ({@code title.vi},
 * {@code minReadinessLevel}, {@code budget.max}, {@code deadline}), so the service's problem names the field next to
 * which its message goes; {@link #formPath} folds the indexed ones ({@code ipcClasses[1]}, {@code dealTypes[0]}) onto
 * the one input each has here. Values are sent as typed: the service checks them.
 */
public class NeedForm {

    public static final List<String> DEAL_TYPES = List.of("NON_EXCLUSIVE_LICENCE", "EXCLUSIVE_LICENCE", "ASSIGNMENT");

    private Text title = new Text();
    private Text statement = new Text();
    private String ipcClasses = "";
    private String minReadinessLevel = "";
    private List<String> dealTypes = new ArrayList<>();
    private String territory = "VN";
    private String budgetMax = "";
    private String deadline = "";
    private boolean ownerNamePublic;

    public static NeedForm of(Need need) {
        NeedForm form = new NeedForm();
        form.title.vi = nullToEmpty(need.title() == null ? null : need.title().vi());
        form.title.en = nullToEmpty(need.title() == null ? null : need.title().en());
        form.statement.vi = nullToEmpty(need.statement() == null ? null : need.statement().vi());
        form.statement.en = nullToEmpty(need.statement() == null ? null : need.statement().en());
        form.ipcClasses = String.join(", ", need.ipcClasses());
        form.minReadinessLevel = Integer.toString(need.minReadinessLevel());
        form.dealTypes = new ArrayList<>(need.dealTypes());
        form.territory = nullToEmpty(need.territory());
        form.budgetMax = need.budget() == null || need.budget().max() == null ? "" : need.budget().max().toPlainString();
        form.deadline = need.deadline() == null ? "" : LocalDate.ofInstant(need.deadline(), Formats.VIETNAM).toString();
        form.ownerNamePublic = need.ownerNamePublic();
        return form;
    }

    /** The body of {@code POST /needs} and {@code PUT /needs/{id}}. */
    public Map<String, Object> toRequest(Locale locale) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("title", title.toRequest());
        request.put("statement", statement.toRequest());
        request.put("ipcClasses", list(ipcClasses));
        request.put("minReadinessLevel", number(minReadinessLevel));
        request.put("dealTypes", dealTypes == null ? List.of() : dealTypes);
        request.put("territory", blankToNull(territory == null ? null : territory.toUpperCase(Locale.ROOT)));
        String max = Formats.plainAmount(budgetMax, locale);
        if (max != null) {
            Map<String, Object> budget = new LinkedHashMap<>();
            budget.put("max", max);
            budget.put("currency", "VND");
            request.put("budget", budget);
        }
        request.put("deadline", deadline(deadline));
        request.put("ownerNamePublic", ownerNamePublic);
        return request;
    }

    /** Where a field the service named sits on this form; the budget's amounts have the one field of its maximum. */
    public String formPath(String requestPath) {
        if (requestPath == null || requestPath.isBlank()) {
            return null;
        }
        if (requestPath.startsWith("ipcClasses")) {
            return "ipcClasses";
        }
        if (requestPath.startsWith("dealTypes")) {
            return "dealTypes";
        }
        if (requestPath.startsWith("budget")) {
            return "budgetMax";
        }
        if (requestPath.equals("title") || requestPath.equals("statement")) {
            return requestPath + ".vi";
        }
        return requestPath;
    }

    /**
     * A deadline is a day: the need stays open to its end in Vietnam. What is no date goes as typed, for the service to
     * refuse naming the field.
     */
    static Object deadline(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            Instant endOfDay = LocalDate.parse(typed.strip()).atTime(LocalTime.of(23, 59)).atZone(Formats.VIETNAM).toInstant();
            return endOfDay.toString();
        } catch (DateTimeParseException notADate) {
            return typed.strip();
        }
    }

    private static Object number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            return value.strip(); // the service names the field
        }
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split("[,;\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A text in Vietnamese, English or both: a language left blank is not sent. */
    public static final class Text {
        private String vi = "";
        private String en = "";

        Map<String, Object> toRequest() {
            Map<String, Object> text = new LinkedHashMap<>();
            String vietnamese = blankToNull(vi);
            String english = blankToNull(en);
            if (vietnamese != null) {
                text.put("vi", vietnamese);
            }
            if (english != null) {
                text.put("en", english);
            }
            return text;
        }

        public String getVi() { return vi; }
        public void setVi(String vi) { this.vi = vi; }
        public String getEn() { return en; }
        public void setEn(String en) { this.en = en; }
    }

    public Text getTitle() { return title; }
    public void setTitle(Text title) { this.title = title; }
    public Text getStatement() { return statement; }
    public void setStatement(Text statement) { this.statement = statement; }
    public String getIpcClasses() { return ipcClasses; }
    public void setIpcClasses(String ipcClasses) { this.ipcClasses = ipcClasses; }
    public String getMinReadinessLevel() { return minReadinessLevel; }
    public void setMinReadinessLevel(String minReadinessLevel) { this.minReadinessLevel = minReadinessLevel; }
    public List<String> getDealTypes() { return dealTypes; }
    public void setDealTypes(List<String> dealTypes) { this.dealTypes = dealTypes; }
    public String getTerritory() { return territory; }
    public void setTerritory(String territory) { this.territory = territory; }
    public String getBudgetMax() { return budgetMax; }
    public void setBudgetMax(String budgetMax) { this.budgetMax = budgetMax; }
    public String getDeadline() { return deadline; }
    public void setDeadline(String deadline) { this.deadline = deadline; }
    public boolean isOwnerNamePublic() { return ownerNamePublic; }
    public void setOwnerNamePublic(boolean ownerNamePublic) { this.ownerNamePublic = ownerNamePublic; }
}
