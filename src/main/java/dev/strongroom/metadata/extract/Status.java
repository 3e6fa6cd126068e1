package dev.strongroom.metadata.extract;

import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of one extraction, as the sidecar and the catalog record it. */
public enum Status {
    /** Parsed within the limits; the fields are filled as far as the document has them. */
    OK("ok"),
    /** Refused or failed, for good: the reason says why. Parsing again would give the same answer. */
    UNPARSEABLE("unparseable"),
    /** Not parsed yet: handed to the heavy lane. */
    DEFERRED("deferred");

    private final String json;

    Status(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
