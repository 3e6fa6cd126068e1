package dev.strongroom.metadata.extract;

/**
 * One line of a document's text and where it is.
 *
 * @param text          the line, whitespace collapsed
 * @param at            its line number, or its image region for OCR text
 * @param ocrConfidence for OCR text, the lowest confidence (0 to 100) Tesseract gave a word of the line:
 *                      one misread digit is enough to make an amount wrong; null for a text layer
 */
record TextLine(String text, Sidecar.Location at, Double ocrConfidence) {
}
