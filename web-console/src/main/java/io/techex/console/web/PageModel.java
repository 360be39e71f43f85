package io.techex.console.web;

import io.techex.console.security.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What every page's frame needs: who is signed in, the language switch's links, a fresh key for its forms. */
@ControllerAdvice
class PageModel {

    /** The same for pages an exception handler renders, which Spring gives an empty model. */
    static void populate(org.springframework.ui.Model model, HttpServletRequest request) {
        model.addAttribute("me", SignedIn.current().orElse(null));
        model.addAttribute("switchToVietnamese", switchTo(request, "vi"));
        model.addAttribute("switchToEnglish", switchTo(request, "en"));
        model.addAttribute("formKey", IdempotencyKeys.fresh());
        model.addAttribute("currentPath", request.getRequestURI());
    }

    @ModelAttribute("me")
    SignedIn me() {
        return SignedIn.current().orElse(null);
    }

    @ModelAttribute("switchToVietnamese")
    String switchToVietnamese(HttpServletRequest request) {
        return switchTo(request, "vi");
    }

    @ModelAttribute("switchToEnglish")
    String switchToEnglish(HttpServletRequest request) {
        return switchTo(request, "en");
    }

    @ModelAttribute("formKey")
    String formKey() {
        return IdempotencyKeys.fresh();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** The page itself with its query, in the other language (a GET: the switch works without JavaScript). */
    static String switchTo(HttpServletRequest request, String language) {
        return ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("lang", language)
                .scheme(null).host(null).port(-1).toUriString();
    }
}
