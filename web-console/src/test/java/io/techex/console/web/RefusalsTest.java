package io.techex.console.web;

import io.techex.console.need.NeedForm;
import io.techex.console.services.ServiceProblem;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.validation.BeanPropertyBindingResult;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalsTest {

    @Test
    void aFormsOwnMessageForAFieldComesBeforeTheGeneralOneAndTheGeneralOneStillServesTheRest() {
        StaticMessageSource messages = new StaticMessageSource();
        Locale vietnamese = Locale.forLanguageTag("vi");
        messages.addMessage("field.title.vi", vietnamese, "Tên công nghệ");
        messages.addMessage("field.need.title.vi", vietnamese, "Tên nhu cầu");
        messages.addMessage("field.territory", vietnamese, "Mã nước");
        messages.addMessage("field.invalid", vietnamese, "Không hợp lệ");
        messages.addMessage("problem.generic", vietnamese, "Bị từ chối");
        LocaleContextHolder.setLocale(vietnamese);
        try {
            NeedForm form = new NeedForm();
            BeanPropertyBindingResult binding = new BeanPropertyBindingResult(form, "form");
            ServiceProblem refused = new ServiceProblem(400, "invalid-request", null, List.of(
                    new ServiceProblem.FieldError("title.vi", "too long"),
                    new ServiceProblem.FieldError("territory", "not a country")));

            new Refusals(messages).bind(refused, binding, form::formPath, "need");

            assertThat(binding.getFieldError("title.vi").getDefaultMessage()).isEqualTo("Tên nhu cầu");
            assertThat(binding.getFieldError("territory").getDefaultMessage()).isEqualTo("Mã nước");
            assertThat(binding.getGlobalErrors()).isEmpty();
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }
}
