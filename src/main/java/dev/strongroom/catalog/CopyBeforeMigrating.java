package dev.strongroom.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Flyway's side of {@link PreMigrationCopy}: takes the copy before the first migration a start applies
 * and drops it once all of them are recorded. A migration that fails keeps the copy, so the next start
 * begins again from the catalog as it was.
 */
public final class CopyBeforeMigrating implements Callback {

    private final PreMigrationCopy copy;
    private boolean taken;

    public CopyBeforeMigrating(PreMigrationCopy copy) {
        this.copy = copy;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (event == Event.BEFORE_EACH_MIGRATE && !taken) {
            try {
                copy.take(context.getConnection());
            } catch (SQLException | IOException e) {
                throw new FlywayException("Cannot take a copy of the catalog before migrating it: " + e.getMessage(),
                        e);
            }
            taken = true;
        } else if (event == Event.AFTER_MIGRATE) {
            try {
                copy.discard();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot drop the catalog's pre-migration copy " + copy.copy(), e);
            }
        }
    }

    @Override
    public String getCallbackName() {
        return "copy-before-migrating";
    }
}
