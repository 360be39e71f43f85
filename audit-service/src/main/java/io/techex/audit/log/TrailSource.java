package io.techex.audit.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which service a consumed topic belongs to, whatever namespace prefixes it: the log does not depend on the prefix. */
public final class TrailSource {

    private static final Pattern EVENTS_TOPIC = Pattern.compile("(?:.+\\.)?techex\\.([a-z]+)\\.events");

    private TrailSource() {
    }

    public static String serviceOf(String topic) {
        Matcher matcher = EVENTS_TOPIC.matcher(topic);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a TechEx events topic: " + topic);
        }
        return matcher.group(1);
    }
}
