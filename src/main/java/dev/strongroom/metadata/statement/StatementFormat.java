package dev.strongroom.metadata.statement;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The file formats a statement is read from. */
public enum StatementFormat {
    /** Comma-separated, UTF-8, header row; columns as {@link StatementColumn} declares. */
    CSV;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
