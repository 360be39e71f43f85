package io.techex.platform.web;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every value that enters the exchange must be, whatever field it is in, checked before any handler runs:
 * <ul>
 *   <li>text without NUL characters (PostgreSQL cannot store them: an event holding one would be stored and then
 *       break every read model that copies it) and without broken UTF-16 (a lone surrogate has no UTF-8 form);</li>
 *   <li>decimals an account could hold: at most {@value #MAX_INTEGER_DIGITS} digits before the point and
 *       {@value #MAX_FRACTION_DIGITS} after it (money, shares, rates), not {@code 1e400};</li>
 *   <li>dates and instants in the years 1000 to 9999, so that deadlines and periods computed from them cannot
 *       overflow.</li>
 * </ul>
 * Each field's own rules stay where they are; this catches what no field should accept.
 */
public final class InputGuard {

    static final int MAX_INTEGER_DIGITS = 24;
    static final int MAX_FRACTION_DIGITS = 12;
    private static final int MAX_DEPTH = 32;
    private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    /** The year of an ISO-8601 date or date-time at the start of a text: {@code +99999-12-31}, {@code 0999-01-01}. */
    private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("([+-]?[0-9]+)-[0-9]{2}-[0-9]{2}");

    private InputGuard() {
    }

    /** Every problem in {@code value} (a request body, usually a record), each naming its field's path. */
    public static List<FieldProblem> problemsOf(Object value) {
        List<FieldProblem> problems = new ArrayList<>();
        walk(value, "", problems, 0);
        return problems;
    }

    /** What is wrong with {@code text}, or null. */
    public static String problemWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "is not valid Unicode text (a lone surrogate)";
            }
            if (Character.isLowSurrogate(c)) {
                return "is not valid Unicode text (a lone surrogate)";
            }
        }
        return null;
    }

    /**
     * What is wrong with {@code text} as a date or an instant written in ISO-8601 (a query parameter, before it is
     * converted), or null when it is none or one in the years 1000 to 9999.
     */
    public static String dateProblemWith(String text) {
        var date = ISO_DATE.matcher(text);
        if (date.lookingAt() && (date.group(1).length() != 4 || date.group(1).startsWith("0"))) {
            return "must be in the years 1000 to 9999";
        }
        return null;
    }

    private static void walk(Object value, String path, List<FieldProblem> problems, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        String field = path.isEmpty() ? "body" : path;
        switch (value) {
            case String text -> {
                String problem = problemWith(text);
                if (problem != null) {
                    problems.add(new FieldProblem(field, problem));
                }
            }
            case BigDecimal number -> {
                if (number.precision() - number.scale() > MAX_INTEGER_DIGITS || number.scale() > MAX_FRACTION_DIGITS) {
                    problems.add(new FieldProblem(field, "must have at most " + MAX_INTEGER_DIGITS + " digits before the point and "
                            + MAX_FRACTION_DIGITS + " after it"));
                }
            }
            case Instant instant -> checkYear(!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST), field, problems);
            case OffsetDateTime time -> checkYear(time.getYear() >= 1000 && time.getYear() <= 9999, field, problems);
            case LocalDateTime time -> checkYear(time.getYear() >= 1000 && time.getYear() <= 9999, field, problems);
            case LocalDate date -> checkYear(date.getYear() >= 1000 && date.getYear() <= 9999, field, problems);
            case Optional<?> optional -> optional.ifPresent(inner -> walk(inner, path, problems, depth + 1));
            case Collection<?> items -> {
                int index = 0;
                for (Object item : items) {
                    walk(item, path + "[" + index++ + "]", problems, depth + 1);
                }
            }
            case Map<?, ?> entries -> entries.forEach((key, item) -> {
                if (key instanceof String name) {
                    walk(name, path, problems, depth + 1);
                }
                walk(item, (path.isEmpty() ? "" : path + ".") + key, problems, depth + 1);
            });
            case Record record -> {
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    Object componentValue;
                    try {
                        var accessor = component.getAccessor();
                        accessor.setAccessible(true);
                        componentValue = accessor.invoke(record);
                    } catch (ReflectiveOperationException | RuntimeException unreadable) {
                        continue;
                    }
                    walk(componentValue, path.isEmpty() ? component.getName() : path + "." + component.getName(), problems, depth + 1);
                }
            }
            default -> {
                // numbers, booleans, enums and other types carry nothing these rules are about
            }
        }
    }

    private static void checkYear(boolean withinRange, String field, List<FieldProblem> problems) {
        if (!withinRange) {
            problems.add(new FieldProblem(field, "must be in the years 1000 to 9999"));
        }
    }
}
