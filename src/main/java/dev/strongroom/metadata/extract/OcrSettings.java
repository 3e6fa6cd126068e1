package dev.strongroom.metadata.extract;

import java.time.Duration;

/**
 * Limits and choices for OCR in the heavy lane ({@link MetadataExtractor} with a {@link Tesseract}).
 * A document beyond a limit keeps the metadata read without OCR, and its sidecar says which limit.
 *
 * @param languages   Tesseract language models, joined with {@code +} (e.g. {@code eng+por+deu}); the
 *                    ones not installed are left out, and OCR is unavailable when none is
 * @param maxPages    most pages read by OCR per document
 * @param maxPixels   most pixels of one image (or rendered page) given to OCR
 * @param pageTimeout wall time of one Tesseract run (one image or page); the document's own time limit
 *                    applies as well
 * @param dpi         resolution at which PDF pages are rendered for OCR
 */
public record OcrSettings(String languages, int maxPages, long maxPixels, Duration pageTimeout, int dpi) {

    public OcrSettings {
        if (languages == null || languages.isBlank() || maxPages < 1 || maxPixels < 1 || dpi < 50 || dpi > 600) {
            throw new IllegalArgumentException("OCR settings out of range: " + this);
        }
        if (pageTimeout == null || pageTimeout.isNegative() || pageTimeout.isZero()) {
            throw new IllegalArgumentException("the OCR page timeout must be positive");
        }
    }
}
