package io.techex.platform.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server logs while a test sends requests: every event of the threads that serve HTTP requests, at the
 * levels configured plus DEBUG for the loggers named, so a test can say how many lines a request cost and at what level.
 */
final class CapturedLogs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();

    private CapturedLogs(String... debugLoggers) {
        for (String name : debugLoggers) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previousLevels.put(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        appender.start();
        root.addAppender(appender);
    }

    /** Starts capturing, with DEBUG on for {@code debugLoggers} until {@link #close()}. */
    static CapturedLogs start(String... debugLoggers) {
        return new CapturedLogs(debugLoggers);
    }

    /** The events logged so far by the threads serving requests (Tomcat's {@code http-nio-*}). */
    List<ILoggingEvent> ofRequests() {
        synchronized (appender) {
            return appender.list.stream().filter(event -> event.getThreadName().startsWith("http-nio")).toList();
        }
    }

    void clear() {
        synchronized (appender) {
            appender.list.clear();
        }
    }

    static String describe(List<ILoggingEvent> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(event -> text.append("\n  ").append(event.getLevel()).append(' ').append(event.getLoggerName())
                .append(": ").append(event.getFormattedMessage()).append(event.getThrowableProxy() == null ? "" : " + stack trace of "
                        + event.getThrowableProxy().getClassName()));
        return text.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        previousLevels.forEach(Logger::setLevel);
    }
}
