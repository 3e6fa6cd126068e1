package dev.strongroom.metadata;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Metadata extraction in the service; read by {@link MetadataWorker}. The limits are the ones
 * {@link ExtractionLimits} documents; docs/metadata.md explains the lanes.
 */
@ConfigMapping(prefix = "strongroom.metadata")
public interface MetadataConfig {

    /** Extract metadata in the service at all. Off: documents stay PENDING and nothing is parsed here. */
    @WithDefault("true")
    boolean enabled();

    /** Light-lane threads: they extract documents right after upload, each with its own parse thread. */
    @WithDefault("1")
    int workers();

    /** Documents waiting for a light-lane thread; beyond this they wait for the next sweep instead. */
    @WithDefault("1000")
    int queueCapacity();

    /**
     * Documents larger than this (bytes, default 20 MiB) skip the light lane: they are marked DEFERRED
     * and extracted by the heavy lane, one at a time with {@link #heavyTimeout()}.
     */
    @WithDefault("20971520")
    long deferAboveBytes();

    /** Wall time per document in the heavy lane. */
    @WithDefault("5m")
    Duration heavyTimeout();

    /**
     * How often the sweep looks for PENDING and DEFERRED documents nobody is working on (after a
     * restart, a full queue, or an extraction that failed for a reason outside the document).
     */
    @WithDefault("60s")
    String sweepEvery();

    /** Most documents one sweep queues. */
    @WithDefault("500")
    int sweepBatch();

    /** Limits for every extraction; the light lane's time limit is {@code timeout}. */
    Limits limits();

    /** OCR of images and PDFs without a text layer, in the heavy lane (docs/metadata.md, OCR). */
    Ocr ocr();

    interface Ocr {

        /** Run OCR at all. Off: such documents keep the metadata read without it and stay ocr-pending. */
        @WithDefault("true")
        boolean enabled();

        /** The Tesseract executable: a name looked up on PATH, or a path. */
        @WithDefault("tesseract")
        String command();

        /** Language models, joined with +; the installed ones are used. */
        @WithDefault("eng+por+deu")
        String languages();

        /** Most pages read by OCR per document; a longer document keeps its metadata without OCR text. */
        @WithDefault("20")
        int maxPages();

        /** Most pixels of one image given to OCR. */
        @WithDefault("40000000")
        long maxPixels();

        /** Wall time of one Tesseract run (one image or one page). */
        @WithDefault("60s")
        Duration pageTimeout();

        /** Resolution PDF pages are rendered at for OCR. */
        @WithDefault("200")
        int dpi();

        /** How much lower Tesseract's CPU priority is (nice); 0 runs it at the service's priority. */
        @WithDefault("10")
        int niceness();

        /** How often the vault looks for Tesseract again, so that installing it later is noticed. */
        @WithDefault("5m")
        String probeEvery();

        default OcrSettings toSettings() {
            return new OcrSettings(languages(), maxPages(), maxPixels(), pageTimeout(), dpi());
        }
    }

    interface Limits {

        /** Largest document parsed at all, in bytes (default 200 MiB, the upload limit). Larger: unparseable. */
        @WithDefault("209715200")
        long maxBytes();

        /** Wall time per document in the light lane (hashing, parsing and preview together). */
        @WithDefault("60s")
        Duration timeout();

        /** Characters of text kept per document; the parse stops there and the sidecar says "truncated". */
        @WithDefault("1000000")
        int maxTextChars();

        /** Embedded documents parsed per document; further ones are counted, not opened. */
        @WithDefault("100")
        int maxEmbedded();

        /** Pages; a document with more is unparseable ("too-many-pages"). */
        @WithDefault("2000")
        int maxPages();

        /** Zip bomb guard: most output characters per input byte, and most inflated bytes per file byte. */
        @WithDefault("100")
        long maxCompressionRatio();

        /** Zip bomb guard: smallest compressed/inflated ratio of one zip entry past 100 KB (0.01 = 100x). */
        @WithDefault("0.01")
        double zipMinInflateRatio();

        /** Deepest XML element nesting in a parse's output. */
        @WithDefault("100")
        int maxXmlDepth();

        /** Longest side of a preview PNG, in pixels. */
        @WithDefault("256")
        int previewMaxEdge();

        /** Images with more pixels get no preview. */
        @WithDefault("100000000")
        long maxImagePixels();

        /** Detect the text's language (OpenNLP model, about 85 MB of heap once the first document needs it). */
        @WithDefault("true")
        boolean detectLanguage();

        default ExtractionLimits toLimits(Duration timeout, int parallelism) {
            return new ExtractionLimits(maxBytes(), timeout, maxTextChars(), maxEmbedded(), maxPages(),
                    maxCompressionRatio(), zipMinInflateRatio(), maxXmlDepth(), previewMaxEdge(), maxImagePixels(),
                    parallelism, detectLanguage());
        }
    }
}
