package dev.strongroom.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The messages one class logs while a plain unit test runs, for what operators are told (a warning
 * about temp files a crash left, a progress line). Works under the JBoss log manager and plain JUL.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (messages) {
                messages.add(record.getLevel() + " " + formatted(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(Class<?> source) {
        this.logger = Logger.getLogger(source.getName());
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    public static CapturedLog of(Class<?> source) {
        return new CapturedLog(source);
    }

    /** Messages as "LEVEL text", in order. */
    public List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    private static String formatted(LogRecord record) {
        Object[] params = record.getParameters();
        String message = record.getMessage();
        if (params == null || params.length == 0) {
            return message;
        }
        try {
            return String.format(message, params);
        } catch (java.util.IllegalFormatException e) {
            return java.text.MessageFormat.format(message, params);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
