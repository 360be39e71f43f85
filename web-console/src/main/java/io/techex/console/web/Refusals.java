package io.techex.console.web;

import io.techex.console.services.ServiceProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A service's refusal in the reader's language. The problem's {@code type} slug becomes {@code problem.<slug>}; each
 * field it names becomes {@code field.<path without indexes>} ({@code ipTitles[0].owners[1].sharePercent} is
 * {@code field.ipTitles.owners.sharePercent}), shown next to that field on a form, or in the list at the top of a
 * page. A slug or field the console has no text for yet gets a general one, never the service's English.
 */
@Component
public class Refusals {

    private final MessageSource messages;

    public Refusals(MessageSource messages) {
        this.messages = messages;
    }

    /** Everything the refusal says, as sentences: for a notice at the top of a page. */
    public List<String> describe(ServiceProblem problem) {
        Set<String> sentences = new LinkedHashSet<>();
        Locale locale = LocaleContextHolder.getLocale();
        if (problem.errors().isEmpty() || !isAboutFields(problem)) {
            sentences.add(problemMessage(problem, locale));
        }
        for (ServiceProblem.FieldError error : problem.errors()) {
            sentences.add(fieldMessage(error.field(), locale));
        }
        return new ArrayList<>(sentences);
    }

    /**
     * Puts the refusal on a form: each field's message next to the field ({@code formPath} maps the service's path to
     * the form's, null when the form has no such field), the rest at the top.
     */
    public void bind(ServiceProblem problem, BindingResult form, Function<String, String> formPath) {
        bind(problem, form, formPath, null);
    }

    /**
     * The same, with messages of a form of its own first: {@code field.<scope>.<path>}, for a path two services' bodies
     * share with different meanings (a need's {@code title.vi} is no technology's name), the general one otherwise.
     */
    public void bind(ServiceProblem problem, BindingResult form, Function<String, String> formPath, String scope) {
        Locale locale = LocaleContextHolder.getLocale();
        boolean placed = false;
        for (ServiceProblem.FieldError error : problem.errors()) {
            String path = formPath.apply(error.field());
            String message = scope == null ? fieldMessage(error.field(), locale)
                    : messages.getMessage("field." + scope + "." + key(error.field()), null,
                    fieldMessage(error.field(), locale), locale);
            if (path != null && form.getFieldType(path) != null) {
                form.rejectValue(path, "refused", message);
                placed = true;
            } else {
                form.reject("refused", message);
            }
        }
        if (!placed || !isAboutFields(problem)) {
            form.reject("refused", problemMessage(problem, locale));
        }
    }

    /** Bad input ({@code invalid-request}, or a rule on one field, {@code invalid-<field>}): the fields say it all. */
    private static boolean isAboutFields(ServiceProblem problem) {
        return problem.slug().equals("invalid-request") || problem.slug().startsWith("invalid-");
    }

    /** One of the console's own messages in the reader's language. */
    public String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private String problemMessage(ServiceProblem problem, Locale locale) {
        return messages.getMessage("problem." + problem.slug(), null,
                messages.getMessage("problem.generic", null, locale), locale);
    }

    private static String key(String field) {
        return field == null || field.isBlank() ? "body" : field.replaceAll("\\[\\d+]", "");
    }

    String fieldMessage(String field, Locale locale) {
        return messages.getMessage("field." + key(field), null, messages.getMessage("field.invalid", null, locale), locale);
    }
}
