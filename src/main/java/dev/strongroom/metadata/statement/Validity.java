package dev.strongroom.metadata.statement;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A statement file's verdict: valid ones are loaded, invalid ones are kept as records and not loaded. */
public enum Validity {
    VALID, INVALID;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
