package dev.strongroom.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A document's receipt fields for people: per field the value in effect, what was extracted (with its
 * source, location and confidence) and who corrected it; the review state; every correction made.
 *
 * @param review NEEDS_REVIEW, OK, REVIEWED, or null when the document is no receipt
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptFieldsView(String documentId, String metadataState, String review, List<Field> fields,
        List<Correction> corrections) {

    /**
     * One field.
     *
     * @param value      in effect: the newest correction, else the extracted value; null when neither
     * @param extracted  what the extraction read
     * @param source     the text it was read from
     * @param at         where that text is ("line 12", "cell Sheet1!D7", "page 1, region 40,310-620,352")
     * @param confidence the extraction's confidence, 0 to 1
     * @param unsure     the extraction was unsure and no person has corrected or confirmed it yet
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Field(String field, String value, String extracted, String source, String at, Double confidence,
            boolean unsure, String correctedBy, Instant correctedAt) {
    }

    /** One field of one correction. */
    public record Correction(String correctionId, String field, String oldValue, String newValue, String by,
            Instant at, String reason) {
    }
}
