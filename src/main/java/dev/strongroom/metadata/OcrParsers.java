package dev.strongroom.metadata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.TikaException;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.xml.sax.SAXException;

/** Tika's side of OCR: the parser configuration that runs our Tesseract, the per-document request, the limits. */
final class OcrParsers {

    static final String REFUSED = "refused";
    static final String FAILED = "failed";

    private OcrParsers() {
    }

    /**
     * Tika's default parsers, with its Tesseract parser pointed at {@code tesseract}'s directory (maybe
     * our lower-priority wrapper) and language data, instead of whatever is first on PATH.
     */
    static TikaConfig config(Tesseract tesseract) {
        String xml = "<properties><parsers>"
                + "<parser class=\"org.apache.tika.parser.DefaultParser\">"
                + "<parser-exclude class=\"org.apache.tika.parser.ocr.TesseractOCRParser\"/></parser>"
                + "<parser class=\"org.apache.tika.parser.ocr.TesseractOCRParser\"><params>"
                + param("tesseractPath", tesseract.directory() + "/")
                + param("tessdataPath", tesseract.tessdata() + "/")
                + "</params></parser></parsers></properties>";
        try {
            return new TikaConfig(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (TikaException | IOException | SAXException e) {
            throw new IllegalStateException("cannot configure Tika's OCR parser", e);
        }
    }

    private static String param(String name, String value) {
        String escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
        return "<param name=\"" + name + "\" type=\"string\">" + escaped + "</param>";
    }

    /** OCR off: a host that happens to have Tesseract must not spend the light lane's time on it. */
    static TesseractOCRConfig skip() {
        TesseractOCRConfig config = new TesseractOCRConfig();
        config.setSkipOcr(true);
        return config;
    }

    /** OCR on, as hOCR so that word confidences come with the text. */
    static TesseractOCRConfig request(Tesseract tesseract, OcrSettings settings, long maxBytes) {
        TesseractOCRConfig config = new TesseractOCRConfig();
        config.setLanguage(tesseract.languages());
        config.setOutputType(TesseractOCRConfig.OUTPUT_TYPE.HOCR);
        config.setTimeoutSeconds((int) Math.max(1, settings.pageTimeout().toSeconds()));
        config.setMaxFileSizeToOcr(maxBytes);
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
