package io.techex.console.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message exists in both languages, and every key a template names exists. */
class MessagesTest {

    @Test
    void vietnameseAndEnglishHaveTheSameKeys() throws IOException {
        assertThat(load("messages_en.properties").stringPropertyNames())
                .isEqualTo(load("messages_vi.properties").stringPropertyNames());
    }

    @Test
    void everyFixedKeyATemplateNamesHasAMessage() throws IOException {
        Set<String> keys = load("messages_vi.properties").stringPropertyNames();
        Pattern fixedKey = Pattern.compile("#\\{([a-zA-Z][a-zA-Z0-9.-]*)[}(]");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher key = fixedKey.matcher(Files.readString(template));
                while (key.find()) {
                    if (!keys.contains(key.group(1))) {
                        missing.add(template.getFileName() + ": " + key.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
