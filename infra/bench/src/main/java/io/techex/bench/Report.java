package io.techex.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the results as {@code results.json} and {@code results.md}. The run before (if any) is kept as
 * {@code results.previous.json} and {@code results.previous.md}, and the table shows each median beside the previous
 * run's, so two runs compare. On request the Markdown also replaces the "Latest results" section of the module's
 * README, so that the next reader finds the figures of the last run worth keeping.
 */
final class Report {

    private Report() {
    }

    static final String README_SECTION = "## Latest results";

    /** @param sections Markdown after the table (each starting with a {@code ## } heading) */
    static String write(Path dir, Map<String, Object> run, List<Row> rows, List<String> notes, List<String> sections)
            throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve("results.json");
        Map<String, Double> previous = new HashMap<>();
        if (Files.exists(dir.resolve("results.md"))) {
            Files.move(dir.resolve("results.md"), dir.resolve("results.previous.md"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.exists(json)) {
            Path kept = dir.resolve("results.previous.json");
            Files.move(json, kept, StandardCopyOption.REPLACE_EXISTING);
            try {
                for (JsonNode row : Http.JSON.readTree(kept.toFile()).path("rows")) {
                    previous.put(row.path("id").asText(), row.path("median").asDouble());
                }
            } catch (IOException unreadable) {
                notes.add("results.previous.json could not be read: " + unreadable.getMessage());
            }
        }
        ObjectNode document = Http.JSON.createObjectNode();
        document.set("run", Http.JSON.valueToTree(run));
        document.set("rows", Http.JSON.valueToTree(rows));
        document.set("notes", Http.JSON.valueToTree(notes));
        Http.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), document);

        StringBuilder markdown = new StringBuilder(markdown(run, rows, notes, previous));
        sections.stream().filter(section -> !section.isBlank()).forEach(section -> markdown.append('\n').append(section));
        Files.writeString(dir.resolve("results.md"), markdown);
        return markdown.toString();
    }

    /**
     * Replaces the README's "Latest results" section (to the next {@code ## } heading or the end) with the results,
     * their headings one level down; appends the section where there is none.
     */
    static void readme(Path readme, String results) throws IOException {
        String text = Files.readString(readme);
        StringBuilder body = new StringBuilder();
        for (String line : results.split("\n", -1)) {
            if (!line.startsWith("# ")) {
                body.append(line.startsWith("#") ? "#" + line : line).append('\n');
            }
        }
        String replacement = README_SECTION + "\n\n" + body.toString().strip() + "\n";
        int start = text.indexOf("\n" + README_SECTION + "\n");
        String updated;
        if (start < 0) {
            updated = text.stripTrailing() + "\n\n" + replacement;
        } else {
            int end = text.indexOf("\n## ", start + README_SECTION.length() + 1);
            updated = text.substring(0, start + 1) + replacement + (end < 0 ? "" : "\n" + text.substring(end + 1));
        }
        Files.writeString(readme, updated);
    }

    static String markdown(Map<String, Object> run, List<Row> rows, List<String> notes, Map<String, Double> previous) {
        StringBuilder md = new StringBuilder("# TechEx benchmark\n\n");
        md.append(run.entrySet().stream().map(e -> "- " + e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n")))
                .append("\n\n");
        md.append("| scenario | metric | clients | median | p99 | per repetition | anchor (same run) | anchor median | anchor p99 | ratio | goal | met |");
        if (!previous.isEmpty()) {
            md.append(" previous median |");
        }
        md.append("\n|---|---|---|---|---|---|---|---|---|---|---|---|");
        if (!previous.isEmpty()) {
            md.append("---|");
        }
        md.append('\n');
        for (Row row : rows) {
            md.append("| ").append(row.scenario())
                    .append(" | ").append(row.metric()).append(" (").append(row.unit()).append(')')
                    .append(" | ").append(row.clients())
                    .append(" | ").append(number(row.median()))
                    .append(" | ").append(number(row.p99()))
                    .append(" | ").append(row.perRep() == null ? "" : row.perRep().stream().map(Report::number).collect(Collectors.joining(" / ")))
                    .append(" | ").append(row.anchor() == null ? "—" : row.anchor())
                    .append(" | ").append(row.anchorMedian() == null ? "—" : number(row.anchorMedian()))
                    .append(" | ").append(row.anchorP99() == null ? "—" : number(row.anchorP99()))
                    .append(" | ").append(row.ratio() == null ? "—" : String.format(Locale.ROOT, "%.2f", row.ratio()))
                    .append(" | ").append(row.goal() == null ? "—" : row.goal())
                    .append(" | ").append(row.met() == null ? "—" : row.met() ? "yes" : "**no**")
                    .append(" |");
            if (!previous.isEmpty()) {
                Double before = previous.get(row.id());
                md.append(' ').append(before == null ? "—" : number(before) + " (" + change(row.median(), before) + ")").append(" |");
            }
            md.append('\n');
        }
        List<String> rowNotes = rows.stream().filter(r -> r.note() != null).map(r -> r.scenario() + ", " + r.metric() + ": " + r.note()).toList();
        if (!rowNotes.isEmpty() || !notes.isEmpty()) {
            md.append("\n");
            rowNotes.forEach(n -> md.append("- ").append(n).append('\n'));
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    private static String change(double now, double before) {
        return before == 0 ? "—" : String.format(Locale.ROOT, "%+.0f %%", (now - before) / before * 100);
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }
}
