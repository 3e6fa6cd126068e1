package dev.strongroom.metadata.extract;

import java.time.Duration;

/**
 * Hard limits for one extractor. Every document is parsed within all of them; hitting one makes the
 * sidecar {@code unparseable} with the matching {@link Reason}, except the text and embedded-document
 * limits, which only cut the extraction short (the sidecar lists them under {@code truncated}).
 *
 * @param maxBytes            largest document parsed at all, in bytes
 * @param timeout             wall time per document: hashing, parsing and the preview together
 * @param maxTextChars        characters of text kept; the parse stops there (excerpt, word count and
 *                            receipt fields come from this text)
 * @param maxEmbedded         embedded documents (attachments, images in a DOCX...) parsed; further ones
 *                            are counted but not opened
 * @param maxPages            pages; a document declaring or producing more is refused
 * @param maxCompressionRatio characters of output per byte of input before Tika's SecureContentHandler
 *                            calls it a zip bomb (checked once the output passes one million characters)
 * @param zipMinInflateRatio  smallest compressed/inflated size ratio {@link ZipBombCheck} accepts for one
 *                            zip entry past 100 KB (0.01: an entry may inflate at most 100 times)
 * @param maxXmlDepth         XML element nesting in Tika's output before it is refused
 * @param previewMaxEdge      longest side of a preview PNG, in pixels
 * @param maxImagePixels      images with more pixels than this get no preview (decoding them takes too
 *                            long); smaller ones are decoded subsampled, so memory stays small
 * @param parallelism         parse threads of this extractor, including ones still stuck past a deadline
 * @param detectLanguage      detect the text's language (loads an OpenNLP model of ~85 MB heap on first use)
 */
public record ExtractionLimits(long maxBytes, Duration timeout, int maxTextChars, int maxEmbedded, int maxPages,
        long maxCompressionRatio, double zipMinInflateRatio, int maxXmlDepth, int previewMaxEdge, long maxImagePixels,
        int parallelism, boolean detectLanguage) {

    public ExtractionLimits {
        if (maxBytes < 1 || maxTextChars < 1 || maxEmbedded < 0 || maxPages < 1 || maxCompressionRatio < 1
                || maxXmlDepth < 10 || previewMaxEdge < 16 || maxImagePixels < 1 || parallelism < 1) {
            throw new IllegalArgumentException("extraction limits out of range: " + this);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the extraction timeout must be positive");
        }
        if (!(zipMinInflateRatio > 0 && zipMinInflateRatio < 1)) {
            throw new IllegalArgumentException("zipMinInflateRatio must be between 0 and 1, exclusive");
        }
    }

    /** The defaults the service configuration also uses; the Lambda starts from these. */
    public static ExtractionLimits defaults() {
        return new ExtractionLimits(200L * 1024 * 1024, Duration.ofSeconds(60), 1_000_000, 100, 2_000, 100, 0.01, 100,
                256, 100_000_000L, 1, true);
    }

    public ExtractionLimits withTimeout(Duration newTimeout) {
        return new ExtractionLimits(maxBytes, newTimeout, maxTextChars, maxEmbedded, maxPages, maxCompressionRatio,
                zipMinInflateRatio, maxXmlDepth, previewMaxEdge, maxImagePixels, parallelism, detectLanguage);
    }

    public ExtractionLimits withParallelism(int threads) {
        return new ExtractionLimits(maxBytes, timeout, maxTextChars, maxEmbedded, maxPages, maxCompressionRatio,
                zipMinInflateRatio, maxXmlDepth, previewMaxEdge, maxImagePixels, threads, detectLanguage);
    }

    public ExtractionLimits withMaxBytes(long bytes) {
        return new ExtractionLimits(bytes, timeout, maxTextChars, maxEmbedded, maxPages, maxCompressionRatio,
                zipMinInflateRatio, maxXmlDepth, previewMaxEdge, maxImagePixels, parallelism, detectLanguage);
    }

    public ExtractionLimits withMaxPages(int pages) {
        return new ExtractionLimits(maxBytes, timeout, maxTextChars, maxEmbedded, pages, maxCompressionRatio,
                zipMinInflateRatio, maxXmlDepth, previewMaxEdge, maxImagePixels, parallelism, detectLanguage);
    }
}
