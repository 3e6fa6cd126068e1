package dev.strongroom.metadata.extract;

import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of one extraction, as the sidecar and the catalog record it. */
public enum Status {
    /** Parsed within the limits; the fields are filled as far as the document has them. */
    OK("ok", "EXTRACTED"),
    /** Refused or failed, for good: the reason says why. Parsing again would give the same answer. */
    UNPARSEABLE("unparseable", "UNPARSEABLE"),
    /** Not parsed yet: handed to the heavy lane. */
    DEFERRED("deferred", "DEFERRED");

    private final String json;
    private final String catalogState;

    Status(String json, String catalogState) {
        this.json = json;
        this.catalogState = catalogState;
    }

    @JsonValue
    public String json() {
        return json;
    }

    /** The document's {@code metadata_state} in the catalog for this outcome. */
    public String catalogState() {
        return catalogState;
    }
}
