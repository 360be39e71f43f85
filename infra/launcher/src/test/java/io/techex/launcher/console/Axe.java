package io.techex.launcher.console;

import com.microsoft.playwright.Page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a page with axe-core (the WebJar's {@code axe.min.js}, injected into the page by the test, never served by
 * the console) against WCAG 2.1 A and AA: no serious or critical violation.
 */
final class Axe {

    private static final String SCRIPT = read("META-INF/resources/webjars/axe-core/4.6.3/axe.min.js");

    private Axe() {
    }

    @SuppressWarnings("unchecked")
    static void check(Page page, String what) {
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(SCRIPT));
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate("""
                async () => {
                  const result = await axe.run(document, {runOnly: {type: 'tag',
                      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
                  return result.violations
                      .filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .map(v => ({id: v.id, impact: v.impact, help: v.help,
                                  nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.failureSummary)}));
                }""");
        assertThat(violations).as("serious or critical accessibility violations on %s (%s)", what, page.url()).isEmpty();
    }

    private static String read(String resource) {
        try (InputStream in = Objects.requireNonNull(Axe.class.getClassLoader().getResourceAsStream(resource),
                "axe-core WebJar on the test classpath: " + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
