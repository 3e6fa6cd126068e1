package dev.strongroom.catalog;

/** Whether a person should check a receipt's fields. */
public enum ReviewState {
    /** Some field was read with less confidence than the vault trusts; it is in the review queue. */
    NEEDS_REVIEW,
    /** Every field was read with confidence. */
    OK,
    /** A person corrected or confirmed the unsure fields. */
    REVIEWED
}
