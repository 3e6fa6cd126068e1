package dev.strongroom.metadata.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.tika.parser.ocr.TesseractOCRConfig;

/**
 * OCR's limits, and Tika's side of it: Tika's own Tesseract parser is always told to skip, since the
 * vault reads pixels itself ({@link OcrRunner}) after preparing the image.
 */
final class OcrParsers {

    static final String REFUSED = "refused";
    static final String FAILED = "failed";

    private OcrParsers() {
    }

    /** OCR off: a host that happens to have Tesseract must not spend the light lane's time on it. */
    static TesseractOCRConfig skip() {
        TesseractOCRConfig config = new TesseractOCRConfig();
        config.setSkipOcr(true);
        return config;
    }

    /**
     * Why OCR will not read this document, or empty: more pages than {@code maxPages}, or an image with
     * more pixels than {@code maxPixels} (read from the header, without decoding). PDF pages are bounded
     * by the page limit and the time limits.
     */
    static Optional<String> refusal(Path file, String type, Integer pages, OcrSettings settings) {
        if (pages != null && pages > settings.maxPages()) {
            return Optional.of("the document has " + pages + " pages; OCR reads at most " + settings.maxPages());
        }
        if (!TextLayer.IMAGES.contains(type)) {
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                return pixels > settings.maxPixels() ? Optional.of("the image has " + pixels
                        + " pixels; OCR reads at most " + settings.maxPixels()) : Optional.empty();
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
