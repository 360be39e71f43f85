package io.techex.console.language;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import java.time.Duration;
import java.util.Locale;

/**
 * The reader's language: Vietnamese unless they chose English with the switch on every page ({@code ?lang=en}),
 * remembered in a cookie. Only the two languages the console is written in are ever resolved, whatever the browser
 * asks for, so a page is never half in a third.
 */
@Component("localeResolver")
public class ConsoleLocales implements LocaleResolver {

    public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    public static final Locale ENGLISH = Locale.ENGLISH;

    private final CookieLocaleResolver cookie = new CookieLocaleResolver("TECHEX_LANG");

    public ConsoleLocales() {
        cookie.setDefaultLocale(VIETNAMESE);
        cookie.setCookieMaxAge(Duration.ofDays(365));
        cookie.setCookieHttpOnly(true);
        cookie.setCookieSameSite("Lax");
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return supported(cookie.resolveLocale(request));
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        cookie.setLocale(request, response, locale == null ? null : supported(locale));
    }

    static Locale supported(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? ENGLISH : VIETNAMESE;
    }
}
