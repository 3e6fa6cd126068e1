package dev.strongroom.metadata.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Corpus;
import dev.strongroom.support.Samples;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extractor on its own, as the Lambda will use it: a corpus of real formats and hostile files. */
class MetadataExtractorTest {

    /** Generous for a busy two-core machine; the hostile files must still finish well inside it. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(30);
    static final long MAX_BYTES = 4 * 1024 * 1024;

    static MetadataExtractor extractor;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        extractor = new MetadataExtractor(
                ExtractionLimits.defaults().withTimeout(TIME_LIMIT).withMaxBytes(MAX_BYTES).withParallelism(2));
    }

    @AfterAll
    static void stop() {
        extractor.close();
    }

    private Extraction extract(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return extractor.extract(file, Samples.sha256(bytes), name);
    }

    private Sidecar ok(String name, byte[] bytes) throws IOException {
        Sidecar s = extract(name, bytes).sidecar();
        assertEquals(Status.OK, s.status(), () -> name + " was not parsed: " + SidecarJson.write(s));
        assertEquals(Samples.sha256(bytes), s.sha256());
        assertEquals(bytes.length, s.size());
        return s;
    }

    @Test
    void readsTitleAuthorToolDatesPagesAndLanguageOfAPdf() throws IOException {
        Sidecar s = ok("report.pdf", Corpus.pdf());
        assertEquals("application/pdf", s.detectedType());
        assertEquals(Corpus.PDF_TITLE, s.title());
        assertEquals(Corpus.PDF_AUTHOR, s.author());
        assertEquals(Corpus.PDF_CREATOR, s.creatorTool());
        assertEquals("2026-10-01T09:30:00Z", s.created());
        assertEquals("2026-10-02T17:00:00Z", s.modified());
        assertEquals(2, s.pageCount());
        assertEquals("en", s.language());
        assertTrue(s.excerpt().startsWith("The quarterly report shows that cash reserves grew"), s.excerpt());
        assertEquals(44, s.wordCount());
        assertNull(s.receipt(), "a report is not a receipt");
        assertEquals(1, s.schemaVersion());
        assertEquals("3.3.1", s.extraction().tikaVersion());
    }

    @Test
    void readsCorePropertiesOfWordAndExcelFiles() throws IOException {
        Sidecar docx = ok("memo.docx", Corpus.docx());
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.detectedType());
        assertEquals(Corpus.DOCX_TITLE, docx.title());
        assertEquals(Corpus.DOCX_AUTHOR, docx.author());
        assertEquals("Apache POI", docx.creatorTool());
        assertTrue(docx.excerpt().contains("bank letter and a tax certificate"), docx.excerpt());
        assertEquals(19, docx.wordCount());

        Sidecar xlsx = ok("expenses.xlsx", Corpus.xlsx());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.detectedType());
        assertEquals(Corpus.XLSX_TITLE, xlsx.title());
        assertEquals(Corpus.XLSX_AUTHOR, xlsx.author());
        assertTrue(xlsx.excerpt().contains("Hotel Lisbon"), xlsx.excerpt());
    }

    @Test
    void readsOpenDocumentMetadata() throws IOException {
        Sidecar s = ok("minutes.odt", Corpus.odt());
        assertEquals("application/vnd.oasis.opendocument.text", s.detectedType());
        assertEquals(Corpus.ODT_TITLE, s.title());
        assertEquals(Corpus.ODT_AUTHOR, s.author());
        assertEquals("2026-09-15T10:00:00", s.created());
        assertEquals(1, s.pageCount());
        // Heading and paragraph are separate words, not "MinutesThe".
        assertTrue(s.excerpt().startsWith("Minutes The committee approved"), s.excerpt());
    }

    @Test
    void readsExifOfAPhotographAndPreviewsItAndLeavesItsTextToOcr() throws IOException {
        Extraction e = extract("taxi.jpg", Corpus.jpegWithExif());
        Sidecar s = e.sidecar();
        // This extractor runs no OCR: a photo's text is only in its pixels, so it waits for the heavy lane.
        assertEquals(Status.DEFERRED, s.status());
        assertEquals(Reason.OCR_PENDING, s.reason());
        assertEquals(Sidecar.Ocr.PENDING, s.ocr().state());
        assertEquals("image/jpeg", s.detectedType());
        assertEquals(Corpus.JPEG_ARTIST, s.author());
        assertEquals("Strongroom Test Writer", s.creatorTool());
        assertEquals("2026-11-05T08:15:00", s.created());
        assertEquals(Corpus.JPEG_DESCRIPTION, s.title(), "EXIF's image description is a photo's title");
        assertEquals(320, s.width());
        assertEquals(200, s.height());
        assertEquals(Boolean.TRUE, s.preview());
        BufferedImage preview = png(e.preview());
        assertEquals(256, preview.getWidth(), "longest side scaled to the preview edge");
        assertEquals(160, preview.getHeight(), "aspect ratio kept");
    }

    @Test
    void tellsCsvFromTextByNameAndCountsWords() throws IOException {
        Sidecar csv = ok("expenses.csv", Corpus.csv());
        assertEquals("text/csv", csv.detectedType());
        assertTrue(csv.excerpt().contains("Fabrikam Catering"), csv.excerpt());
        Sidecar text = ok("notes.txt", Corpus.text());
        assertEquals("text/plain", text.detectedType());
        assertEquals(26, text.wordCount());
        assertEquals("en", text.language());
        assertNull(text.title());
    }

    @Test
    void readsSubjectSenderAndDateOfAnEmail() throws IOException {
        Sidecar s = ok("invoice.eml", Corpus.eml());
        assertEquals("message/rfc822", s.detectedType());
        assertEquals(Corpus.EML_SUBJECT, s.title());
        assertEquals(Corpus.EML_FROM, s.author());
        assertEquals("2026-11-03T08:12:44Z", s.created());
        assertNotNull(s.receipt(), "an invoice mail gets receipt fields");
        assertEquals("4250.00", s.receipt().total().amount());
        assertEquals("EUR", s.receipt().total().currency());
        assertEquals("2026-11-02", s.receipt().date().value());
    }

    @Test
    void findsTotalDateAndVendorOfAReceipt() throws IOException {
        Extraction e = extract("till.pdf", Corpus.receiptPdf());
        Sidecar.Receipt r = e.sidecar().receipt();
        assertNotNull(r, SidecarJson.write(e.sidecar()));
        assertEquals("15.12", r.total().amount());
        assertEquals("GBP", r.total().currency());
        assertEquals("TOTAL GBP 15.12", r.total().source());
        assertEquals("2026-11-03", r.date().value(), "03/11/2026 in pounds is day first");
        assertTrue(r.date().source().startsWith("Date: 03/11/2026"));
        assertEquals("Northwind Stationery Ltd", r.vendor().value());
        BufferedImage page = png(e.preview());
        assertEquals(256, page.getHeight(), "a letter page is taller than wide");
        assertTrue(page.getWidth() < 256);
    }

    @Test
    void refusesAZipBombDocxQuickly() throws IOException {
        Sidecar s = unparseable("bomb.docx", Corpus.zipBombDocx(64), Reason.ZIP_BOMB);
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document", s.detectedType());
    }

    @Test
    void refusesBillionLaughs() throws IOException {
        unparseable("laughs.xml", Corpus.billionLaughs(), Reason.XML_BOMB);
    }

    @Test
    void refusesATruncatedPdf() throws IOException {
        unparseable("cut.pdf", Corpus.truncatedPdf(), Reason.TRUNCATED);
    }

    @Test
    void refusesAPdfOfTenThousandPages() throws IOException {
        Sidecar s = unparseable("long.pdf", Corpus.manyPagePdf(10_000), Reason.TOO_MANY_PAGES);
        assertTrue(s.detail().contains("10000 pages"), s.detail());
    }

    @Test
    void refusesADocumentLargerThanTheByteLimit() throws IOException {
        Sidecar s = unparseable("big.txt", Samples.text((int) MAX_BYTES + 1), Reason.TOO_LARGE);
        assertEquals(MAX_BYTES + 1, s.size());
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        unparseable("empty.txt", new byte[0], Reason.EMPTY);
    }

    @Test
    void reportsBytesThatDoNotMatchTheRecordedHash() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.write(file, Corpus.text());
        Sidecar s = extractor.extract(file, "0".repeat(64), "notes.txt").sidecar();
        assertEquals(Status.UNPARSEABLE, s.status());
        assertEquals(Reason.CHECKSUM_MISMATCH, s.reason());
        assertTrue(s.detail().contains(Samples.sha256(Corpus.text())));
    }

    @Test
    void answersTimeoutAtTheDeadline() throws IOException {
        try (MetadataExtractor hasty = new MetadataExtractor(
                ExtractionLimits.defaults().withTimeout(Duration.ofMillis(20)).withMaxBytes(64L << 20))) {
            Path file = dir.resolve("long.txt");
            Files.write(file, Samples.text(40 << 20));
            long started = System.nanoTime();
            Sidecar s = hasty.extract(file, null, "long.txt").sidecar();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(Status.UNPARSEABLE, s.status(), SidecarJson.write(s));
            assertEquals(Reason.TIMEOUT, s.reason());
            assertTrue(millis < 2_000, "answered after " + millis + " ms");
        }
    }

    @Test
    void cutsLongTextAtTheCharacterLimitAndSaysSo() throws IOException {
        try (MetadataExtractor brief = new MetadataExtractor(new ExtractionLimits(MAX_BYTES, TIME_LIMIT, 500, 10, 100,
                100, 0.01, 100, 256, 1_000_000, 1, false))) {
            Path file = dir.resolve("long.txt");
            byte[] text = Samples.text(50_000);
            Files.write(file, text);
            Sidecar s = brief.extract(file, Samples.sha256(text), "long.txt").sidecar();
            assertEquals(Status.OK, s.status());
            assertEquals(List.of("text"), s.truncated());
            assertTrue(s.excerpt().length() <= 500);
            assertNull(s.language(), "language detection is off");
        }
    }

    @Test
    void extractsFromAStreamAndRefusesAnEndlessOne() throws IOException {
        byte[] pdf = Corpus.pdf();
        Sidecar s = extractor.extract(new ByteArrayInputStream(pdf), Samples.sha256(pdf), "report.pdf").sidecar();
        assertEquals(Corpus.PDF_TITLE, s.title());
        Sidecar big = extractor.extract(new ByteArrayInputStream(new byte[(int) MAX_BYTES + 10]), null, "x.bin")
                .sidecar();
        assertEquals(Reason.TOO_LARGE, big.reason());
    }

    @Test
    void noPreviewForTypesWithoutPages() throws IOException {
        Extraction e = extract("memo.docx", Corpus.docx());
        assertFalse(e.hasPreview());
        assertNull(e.sidecar().preview());
    }

    @Test
    void previewOfALargeImageStaysSmall() throws IOException {
        Extraction e = extract("scan.png", Corpus.png(4000, 3000));
        BufferedImage preview = png(e.preview());
        assertEquals(256, preview.getWidth());
        assertEquals(192, preview.getHeight());
    }

    @Test
    void sidecarJsonRoundTripsAndRefusesUnknownVersions() throws IOException {
        Sidecar s = ok("till.pdf", Corpus.receiptPdf());
        String json = SidecarJson.write(s);
        assertEquals(s, SidecarJson.read(json));
        assertTrue(json.startsWith("{\"schemaVersion\":1,\"sha256\":\""), json);
        assertTrue(json.contains("\"status\":\"ok\""));
        String future = json.replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SidecarJson.read(future));
        assertTrue(refused.getMessage().contains("version 2"));
    }

    private Sidecar unparseable(String name, byte[] bytes, Reason reason) throws IOException {
        long started = System.nanoTime();
        Extraction e = extract(name, bytes);
        long millis = (System.nanoTime() - started) / 1_000_000;
        Sidecar s = e.sidecar();
        assertEquals(Status.UNPARSEABLE, s.status(), () -> name + ": " + SidecarJson.write(s));
        assertEquals(reason, s.reason(), () -> name + ": " + SidecarJson.write(s));
        assertNotNull(s.detail());
        assertFalse(e.hasPreview());
        assertTrue(millis < TIME_LIMIT.toMillis(), name + " took " + millis + " ms");
        String json = SidecarJson.write(s);
        assertTrue(json.contains("\"status\":\"unparseable\",\"reason\":\"" + reason.slug() + "\""), json);
        return s;
    }

    private static BufferedImage png(byte[] bytes) throws IOException {
        assertNotNull(bytes, "no preview");
        assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1));
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }
}
