package dev.strongroom.metadata.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes and reads sidecars. Plain Jackson, no framework, so the Lambda writes byte-identical JSON. */
public final class SidecarJson {

    // Readers must survive fields added by a later minor revision of the same schema version.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SidecarJson() {
    }

    public static String write(Sidecar sidecar) {
        try {
            return JSON.writeValueAsString(sidecar);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sidecar could not be written as JSON", e);
        }
    }

    /** Reads a sidecar; refuses one of a schema version this code does not know. */
    public static Sidecar read(String json) {
        Sidecar sidecar;
        try {
            sidecar = JSON.readValue(json, Sidecar.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a metadata sidecar: " + e.getOriginalMessage(), e);
        }
        if (sidecar.schemaVersion() != Sidecar.SCHEMA_VERSION) {
            throw new IllegalArgumentException("metadata sidecar schema version " + sidecar.schemaVersion()
                    + " is not supported; this code reads version " + Sidecar.SCHEMA_VERSION);
        }
        return sidecar;
    }
}
