package dev.strongroom.metadata.extract;

import java.util.Set;

/**
 * Decides whether a parsed document's text is only in its pixels: a photo or scan (an image), or a
 * PDF whose text layer is empty or next to empty (a scanner's PDF: one image per page).
 */
final class TextLayer {

    /** Image types Tesseract (through Leptonica) reads. */
    static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/tiff", "image/webp", "image/bmp",
            "image/gif");
    /** Fewer visible characters than this per page: a page number or a stamp, not a text layer. */
    private static final int MIN_CHARS_PER_PAGE = 20;

    private TextLayer() {
    }

    static boolean missing(String type, CharSequence text, Integer pages) {
        if (type == null) {
            return false;
        }
        if (IMAGES.contains(type)) {
            return true;
        }
        if (!"application/pdf".equals(type)) {
            return false;
        }
        long visible = text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        return visible < (long) MIN_CHARS_PER_PAGE * Math.max(1, pages == null ? 1 : pages);
    }
}
