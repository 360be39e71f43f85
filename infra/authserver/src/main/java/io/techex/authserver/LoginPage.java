package io.techex.authserver;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.Locale;

/**
 * The sign-in form for the demo people, in Vietnamese (the default) or English: {@code ?lang=en} switches and a
 * cookie remembers it. The console passes the reader's language as OpenID Connect's {@code ui_locales}, which the
 * entry point forwards, so the page opens in the language the person was reading.
 */
@Controller
class LoginPage implements WebMvcConfigurer {

    static final String PATH = "/login";
    static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private final DemoDirectory directory;

    LoginPage(DemoDirectory directory) {
        this.directory = directory;
    }

    @GetMapping(PATH)
    String login(Model model) {
        model.addAttribute("people", directory.members());
        return "login";
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("TECHEX_AUTH_LANG");
        resolver.setDefaultLocale(VIETNAMESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        lang.setIgnoreInvalidLocale(true);
        registry.addInterceptor(lang);
    }

    /** Sends a browser to the login page, in the first of the languages it asked for that the page speaks. */
    static final class EntryPoint extends LoginUrlAuthenticationEntryPoint {

        EntryPoint() {
            super(PATH);
        }

        @Override
        protected String determineUrlToUseForThisRequest(HttpServletRequest request, HttpServletResponse response,
                                                         AuthenticationException exception) {
            String uiLocales = request.getParameter("ui_locales");
            if (uiLocales != null) {
                for (String tag : uiLocales.trim().split("\\s+")) {
                    String language = Locale.forLanguageTag(tag).getLanguage();
                    if (language.equals("vi") || language.equals("en")) {
                        return PATH + "?lang=" + language;
                    }
                }
            }
            return PATH;
        }
    }
}
