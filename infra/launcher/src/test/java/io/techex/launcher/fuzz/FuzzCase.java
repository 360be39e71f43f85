package io.techex.launcher.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One bad request: what it breaks ({@link #name}), where it goes, and what it may be answered.
 *
 * @param contentType {@code null}: no Content-Type header
 * @param body        {@code null}: no body
 */
record FuzzCase(ApiOperation operation, String name, Expect expect, String pathAndQuery, String contentType, byte[] body,
                Map<String, String> headers) {

    /**
     * {@link #REJECT}: input no service may accept, so a write must be refused with a 4xx and change nothing;
     * {@link #TOLERATE}: input a service may accept as valid (text in any script, an optional field left out, a
     * coercible scalar), so a 2xx is fine, but it must still never be a 5xx.
     */
    enum Expect { REJECT, TOLERATE }

    /** The key of this case in the known-failures list: service, operation and case name. */
    String key() {
        return operation + " | " + name;
    }

    String describe() {
        String shownBody = body == null ? "(no body)" : preview(new String(body, StandardCharsets.UTF_8), 300);
        return operation.method() + " " + preview(pathAndQuery, 300) + " Content-Type: " + contentType + " "
                + (headers.isEmpty() ? "" : headers.keySet() + " ") + "body(" + (body == null ? 0 : body.length) + " bytes): " + shownBody;
    }

    static String preview(String text, int max) {
        String oneLine = text.replace("\n", "\\n").replace("\u0000", "\\u0000");
        return oneLine.length() > max ? oneLine.substring(0, max) + "…(" + oneLine.length() + " chars)" : oneLine;
    }
}
