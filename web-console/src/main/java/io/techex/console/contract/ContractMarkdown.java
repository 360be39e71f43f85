package io.techex.console.contract;

import org.springframework.web.util.HtmlUtils;

import java.util.ArrayList;
import java.util.List;

/**
 * A contract version's Markdown as HTML to read: contract-service renders it from the terms with headings, lists and
 * paragraphs only, and the parties' own words (a title, the governing terms) go through as text. Everything is
 * escaped, so nothing in a document can become markup; headings start at level 2, under the page's own.
 */
final class ContractMarkdown {

    private ContractMarkdown() {
    }

    static String toHtml(String markdown) {
        StringBuilder html = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        boolean inList = false;
        for (String line : markdown.split("\\R", -1)) {
            String text = line.strip();
            boolean item = text.startsWith("- ") || text.startsWith("* ");
            if (text.isEmpty() || item || text.startsWith("#")) {
                flush(paragraph, html);
            }
            if (!item && inList) {
                html.append("</ul>\n");
                inList = false;
            }
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("#")) {
                int level = Math.min(6, text.indexOf(' ') < 0 ? 1 : (int) text.chars().takeWhile(c -> c == '#').count());
                int tag = Math.min(6, level + 1);
                html.append("<h").append(tag).append('>').append(escape(text.substring(level).strip()))
                        .append("</h").append(tag).append(">\n");
            } else if (item) {
                if (!inList) {
                    html.append("<ul>\n");
                    inList = true;
                }
                html.append("<li>").append(escape(text.substring(2).strip())).append("</li>\n");
            } else {
                paragraph.add(text);
            }
        }
        flush(paragraph, html);
        if (inList) {
            html.append("</ul>\n");
        }
        return html.toString();
    }

    private static void flush(List<String> paragraph, StringBuilder html) {
        if (!paragraph.isEmpty()) {
            html.append("<p>").append(escape(String.join(" ", paragraph))).append("</p>\n");
            paragraph.clear();
        }
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
