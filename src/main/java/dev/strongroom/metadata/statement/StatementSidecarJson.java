package dev.strongroom.metadata.statement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes and reads statement sidecars; plain Jackson, so the Lambda and the vault write the same JSON. */
public final class StatementSidecarJson {

    // Readers must survive fields added by a later revision of the same schema version.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StatementSidecarJson() {
    }

    public static String write(StatementSidecar sidecar) {
        try {
            return JSON.writeValueAsString(sidecar);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a statement sidecar could not be written as JSON", e);
        }
    }

    /** Reads a sidecar; refuses one of a schema version this code does not know. */
    public static StatementSidecar read(String json) {
        StatementSidecar sidecar;
        try {
            sidecar = JSON.readValue(json, StatementSidecar.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a statement sidecar: " + e.getOriginalMessage(), e);
        }
        if (sidecar.schemaVersion() != StatementSidecar.SCHEMA_VERSION) {
            throw new IllegalArgumentException("statement sidecar schema version " + sidecar.schemaVersion()
                    + " is not supported; this code reads version " + StatementSidecar.SCHEMA_VERSION);
        }
        return sidecar;
    }
}
