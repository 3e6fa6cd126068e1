package dev.strongroom.metadata.extract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The metadata of one document, as JSON next to it (docs/metadata.md is the reference). Absent
 * fields are left out of the JSON: a document that has no title has no {@code title}. Version 1.
 *
 * @param schemaVersion      {@link #SCHEMA_VERSION}; readers refuse versions they do not know
 * @param sha256             SHA-256 of the bytes described, hex
 * @param size               size of those bytes
 * @param status             ok, unparseable or deferred
 * @param reason             why not ok; absent when ok
 * @param detail             a sentence for people explaining the reason
 * @param detectedType       media type Tika detected from the bytes (and the file name as a hint)
 * @param created            creation time as the document states it, ISO-8601 (with offset when known)
 * @param modified           last modification as the document states it
 * @param width              an image's width in pixels (images only)
 * @param height             an image's height in pixels
 * @param language           language of the text: ISO 639-1 code where one exists, else ISO 639-3
 * @param wordCount          words in the extracted text (see {@code truncated})
 * @param excerpt            the text's first characters, whitespace collapsed, at most 2,000
 * @param textChars          characters of the whole extracted text, which travels beside the sidecar (the
 *                           search index reads all of it); absent when there is no text
 * @param embeddedDocuments  embedded documents seen (attachments, embedded images and files)
 * @param truncated          limits that cut the extraction short without making it fail:
 *                           {@code text} (max-text-chars), {@code embedded-documents} (max-embedded)
 * @param receipt            best-effort receipt or invoice fields, when the text looks like one
 * @param preview            whether a PNG preview was made
 * @param ocr                present when the document's text has to come, or came, from OCR: images and
 *                           PDFs without a text layer
 * @param extraction         which extractor produced this, when, and how long it took
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "schemaVersion", "sha256", "size", "status", "reason", "detail", "detectedType", "title", "author",
        "creatorTool", "created", "modified", "pageCount", "width", "height", "language", "wordCount", "excerpt",
        "textChars", "embeddedDocuments",
        "truncated", "receipt", "preview", "ocr", "extraction" })
public record Sidecar(int schemaVersion, String sha256, long size, Status status, Reason reason, String detail,
        String detectedType, String title, String author, String creatorTool, String created, String modified,
        Integer pageCount, Integer width, Integer height, String language, Integer wordCount, String excerpt,
        Integer textChars, Integer embeddedDocuments,
        List<String> truncated, Receipt receipt, Boolean preview, Ocr ocr, Provenance extraction) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * Fields of a receipt or invoice (docs/metadata.md, "Receipt fields"). Each one quotes the text it was
     * read from, says where that text is ({@link Location}) and how sure the reader is (0 to 1). A field
     * below {@link #REVIEW_BELOW} is listed in {@code review}, and the document then needs review: a person
     * checks it rather than trusting a value that may be wrong.
     *
     * @param total         the amount to pay, with its currency when stated
     * @param date          the issue date, {@code yyyy-mm-dd}
     * @param vendor        who issued it
     * @param currency      ISO 4217 code of the amounts
     * @param taxes         tax/VAT amounts, one per rate printed
     * @param number        the receipt or invoice number
     * @param paymentMethod {@code card}, {@code cash}, {@code bank-transfer}, {@code paypal} or {@code mobile}
     * @param items         line items, where the layout shows them
     * @param needsReview   whether any field is unsure
     * @param review        the unsure fields' names
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Receipt(Amount total, Found date, Found vendor, Found currency, List<Tax> taxes, Found number,
            Found paymentMethod, List<LineItem> items, Boolean needsReview, List<String> review) {

        /** A field with a lower confidence than this needs review. */
        public static final double REVIEW_BELOW = 0.8;

        /** The sum of the tax amounts, or null when none was read. */
        public String taxTotal() {
            if (taxes == null || taxes.isEmpty()) {
                return null;
            }
            return taxes.stream().map(t -> new java.math.BigDecimal(t.amount())).reduce(java.math.BigDecimal.ZERO,
                    java.math.BigDecimal::add).toPlainString();
        }
    }

    /** A total: the amount as a plain decimal string with two decimals (no float rounding), its currency. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Amount(String amount, String currency, String source, Location at, Double confidence) {
    }

    /** A value, the snippet of text it came from, where that is, and how sure the reader is (0 to 1). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Found(String value, String source, Location at, Double confidence) {
    }

    /** One tax line: the amount and, when printed, the rate in percent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tax(String amount, String rate, String source, Location at, Double confidence) {
    }

    /** One line item: what, how many (when printed) and its amount. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineItem(String description, String quantity, String amount, String source, Location at) {
    }

    /**
     * Where a value was read: a line of the extracted text (1-based), a table cell ({@code Sheet1!D7}, or
     * {@code D7} in a CSV file), or a region of an image or scanned page: its page (1-based) and box
     * {@code [left, top, right, bottom]} in the original image's pixels.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(Integer line, String cell, Integer page, List<Integer> box) {

        public static Location line(int line) {
            return new Location(line, null, null, null);
        }

        public static Location cell(String cell) {
            return new Location(null, cell, null, null);
        }

        public static Location region(int page, List<Integer> box) {
            return new Location(null, null, page, box);
        }

        /** For people: "line 12", "cell Sheet1!D7", "page 1, region 40,310-620,352". */
        public String describe() {
            if (cell != null) {
                return "cell " + cell;
            }
            if (box != null && box.size() == 4) {
                return "page " + page + ", region " + box.get(0) + "," + box.get(1) + "-" + box.get(2) + ","
                        + box.get(3);
            }
            return line != null ? "line " + line : "";
        }
    }

    /**
     * OCR of a document whose text is only in its pixels. {@code pending}: the text layer is missing and
     * OCR has not run yet (the sidecar's status is then {@code deferred}, reason {@code ocr-pending});
     * {@code done}: the text, excerpt and receipt fields come from OCR.
     *
     * @param state      {@code pending} or {@code done}
     * @param engine     the OCR engine and its version, e.g. {@code tesseract 5.3.0}
     * @param languages  the language models used, e.g. {@code eng+por+deu}
     * @param confidence mean word confidence Tesseract reported, 0 to 100; absent when it gave none
     * @param pages      pages (or images) read
     * @param detail     for {@code pending}: why it has not run yet
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ocr(String state, String engine, String languages, Double confidence, Integer pages,
            String detail) {

        public static final String PENDING = "pending";
        public static final String DONE = "done";

        public static Ocr pending(String detail) {
            return new Ocr(PENDING, null, null, null, null, detail);
        }
    }

    /** Which code produced the sidecar. {@code millis} is the wall time of the extraction. */
    public record Provenance(String extractor, String tikaVersion, String extractedAt, long millis) {
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** Parsed, so its fields describe the document: ok, or waiting only for OCR. */
    public boolean described() {
        return status == Status.OK || reason == Reason.OCR_PENDING;
    }

    Sidecar withPreview(boolean made) {
        return new Sidecar(schemaVersion, sha256, size, status, reason, detail, detectedType, title, author,
                creatorTool, created, modified, pageCount, width, height, language, wordCount, excerpt, textChars,
                embeddedDocuments, truncated, receipt, made, ocr, extraction);
    }

    /** This sidecar with an OCR block, and the status that goes with it (deferred while OCR is pending). */
    Sidecar withOcr(Status newStatus, Reason newReason, String newDetail, Ocr newOcr) {
        return new Sidecar(schemaVersion, sha256, size, newStatus, newReason, newDetail, detectedType, title, author,
                creatorTool, created, modified, pageCount, width, height, language, wordCount, excerpt, textChars,
                embeddedDocuments, truncated, receipt, preview, newOcr, extraction);
    }

    static Sidecar notOk(String sha256, long size, Status status, Reason reason, String detail, String detectedType,
            Provenance extraction) {
        return new Sidecar(SCHEMA_VERSION, sha256, size, status, reason, detail, detectedType, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, extraction);
    }
}
