package dev.strongroom.metadata.extract;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a sidecar is not {@code ok}. The slug is what the JSON says and what clients branch on. */
public enum Reason {
    /** More bytes than the extraction limit allows. */
    TOO_LARGE("too-large"),
    /** Zero bytes: nothing to parse. */
    EMPTY("empty"),
    /** The wall-time limit ran out before the parse finished. */
    TIMEOUT("timeout"),
    /** A container inflates far beyond its size (POI's inflate ratio, or Tika's output/input ratio). */
    ZIP_BOMB("zip-bomb"),
    /** XML entity expansion beyond the parser's limit (billion laughs and friends). */
    XML_BOMB("xml-bomb"),
    /** XML elements or packages nested deeper than the limit. */
    NESTED_TOO_DEEP("nested-too-deep"),
    /** More pages than the page limit. */
    TOO_MANY_PAGES("too-many-pages"),
    /** The file ends early (a PDF without its end-of-file marker). */
    TRUNCATED("truncated"),
    /** Encrypted or password protected. */
    ENCRYPTED("encrypted"),
    /** Damaged or not what its type says; the detail has the parser's words. */
    CORRUPT("corrupt"),
    /** The bytes do not hash to the SHA-256 the vault recorded. */
    CHECKSUM_MISMATCH("checksum-mismatch"),
    /** The parse ran out of heap despite the limits; the document is refused rather than retried. */
    OUT_OF_MEMORY("out-of-memory"),
    /** Deferred: larger than the light lane takes; the heavy lane will extract it. */
    ABOVE_LIGHT_THRESHOLD("above-light-threshold"),
    /** Deferred: an image or a PDF without a text layer; its text comes from OCR in the service's heavy lane. */
    OCR_PENDING("ocr-pending"),
    /** Deferred: every parse thread was busy (some may be stuck in a parser past their deadline). */
    BUSY("busy");

    private final String slug;

    Reason(String slug) {
        this.slug = slug;
    }

    @JsonValue
    public String slug() {
        return slug;
    }
}
