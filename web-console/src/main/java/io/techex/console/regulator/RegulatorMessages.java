package io.techex.console.regulator;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The browser verifier's sentences in the reader's language ({@code @regulatorMessages} in templates): the page carries
 * them as JSON, the script fills in {@code {0}}, {@code {1}}... Kept as written (no MessageFormat), so an apostrophe is
 * an apostrophe.
 */
@Component("regulatorMessages")
public class RegulatorMessages {

    static final String PREFIX = "regulator.verify.js.";
    /** Every code verify-page.js and verify-export.js may say. */
    static final List<String> VERIFIER = List.of(
            "no-webcrypto", "trust-first", "trusted", "trust-button", "trust-label", "forget-button", "forget-label",
            "key-id-mismatch", "verifying", "fetch-failed", "fetch-problem", "entry-label", "result-ok", "result-failed",
            "summary-ok", "summary-failed", "summary-failures", "summary-pending",
            "head-field", "head-base64", "head-key-id", "head-key-untrusted", "head-timestamp", "head-signature",
            "head-unreadable", "export-unreadable", "export-format", "export-head", "export-head-mismatch",
            "entry-unreadable", "entry-no-index", "entry-order", "entry-beyond-tree", "entry-no-leaf", "entry-leaf-not-json",
            "entry-not-canonical", "entry-leaf-hash", "entry-path-base64", "entry-audit-path", "entry-leaf-format",
            "entry-back-link-ahead", "entry-shows", "entry-other-asset", "entry-shows-data",
            "asset-head-missing", "asset-head-field", "asset-head-other", "asset-head-base64", "asset-head-key-id",
            "asset-head-key-untrusted", "asset-head-signature",
            "complete", "complete-filtered", "complete-format-1", "complete-not-checked", "complete-format-order",
            "complete-first", "complete-missing", "complete-between", "complete-newest-missing", "complete-beyond-newest",
            "complete-count");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MessageSource messages;

    RegulatorMessages(MessageSource messages) {
        this.messages = messages;
    }

    public String verifier() {
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, String> texts = new LinkedHashMap<>();
        VERIFIER.forEach(code -> texts.put(code, messages.getMessage(PREFIX + code, null, locale)));
        return JSON.writeValueAsString(texts);
    }
}
