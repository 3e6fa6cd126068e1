package dev.strongroom.support;

import org.jboss.logging.Logger;

/**
 * For the few deliberate faults whose log line must stay at ERROR in production (a non-compliant
 * bucket, say): the test says in the log, just before it provokes it, which ERROR line is expected
 * and why, so that every other ERROR line in a test run is a real failure.
 */
public final class ExpectedErrors {

    private static final Logger LOG = Logger.getLogger(ExpectedErrors.class);

    private ExpectedErrors() {
    }

    /** Logs "EXPECTED ERROR: {@code line}, because {@code why}" at INFO. */
    public static void announce(String line, String why) {
        LOG.infof("EXPECTED ERROR: a line with \"%s\" follows, because %s", line, why);
    }
}
