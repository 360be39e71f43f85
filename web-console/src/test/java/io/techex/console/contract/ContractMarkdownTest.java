package io.techex.console.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContractMarkdownTest {

    @Test
    void headingsListsAndParagraphsBecomeHtmlUnderThePagesOwnHeading() {
        String html = ContractMarkdown.toHtml("""
                # Technology transfer contract c-1, version 2

                Under the Law on Technology Transfer 2017 of Vietnam.

                ## Parties

                - Licensor: hust
                - Licensee: kyoto-materials

                ## Governing terms

                The law of Vietnam;
                disputes at VIAC.
                """);
        assertThat(html).isEqualTo("""
                <h2>Technology transfer contract c-1, version 2</h2>
                <p>Under the Law on Technology Transfer 2017 of Vietnam.</p>
                <h3>Parties</h3>
                <ul>
                <li>Licensor: hust</li>
                <li>Licensee: kyoto-materials</li>
                </ul>
                <h3>Governing terms</h3>
                <p>The law of Vietnam; disputes at VIAC.</p>
                """);
    }

    /** The parties' own words (a title, the governing terms) are text, whatever they contain. */
    @Test
    void nothingInADocumentBecomesMarkup() {
        assertThat(ContractMarkdown.toHtml("- Title: <script>alert(1)</script> & \"co\"\n"))
                .isEqualTo("<ul>\n<li>Title: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;</li>\n</ul>\n");
    }
}
