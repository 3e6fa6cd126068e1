package dev.strongroom.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Corpus;
import dev.strongroom.support.Samples;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The upload's type check agrees with Tika's full detection (as every upload had it before) on
 * every file of a corpus: the accepted formats, executables, scripts, HTML, SVG, polyglots, text
 * under misleading names, and one file per pattern of Tika's own magic database planted into text,
 * PDF, PNG and JPEG heads. Wherever the fast sniffer answers, its answer is Tika's; it answers for
 * the common accepted formats, so the fast path is real.
 */
class TypeSnifferTest {

    private static final Set<String> ALLOWED = Set.of("application/pdf", "image/png", "image/jpeg", "image/tiff",
            "image/webp", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet", "text/csv",
            "text/plain", "application/xml", "text/xml", "application/json", "message/rfc822");

    private static Detector reference;
    private static MimeTypes types;
    private static TikaMagicIndex index;
    private static TypeSniffer sniffer;
    private static ContentTypeDetector detector;

    @BeforeAll
    static void load() throws Exception {
        // The detector every upload used before the sniffer: Tika's default configuration's.
        reference = TikaConfig.getDefaultConfig().getDetector();
        types = MimeTypes.getDefaultMimeTypes();
        index = TikaMagicIndex.of(types);
        sniffer = new TypeSniffer(index, types, ALLOWED);
        detector = new ContentTypeDetector(config());
    }

    /** Checks one file; returns whether the sniffer decided it (true) or left it to Tika. */
    private static boolean agrees(String what, byte[] bytes, String name) {
        byte[] head = bytes.length > ContentTypeDetector.HEAD_BYTES
                ? Arrays.copyOf(bytes, ContentTypeDetector.HEAD_BYTES) : bytes;
        String tika = ContentTypeDetector.full(reference, head, name);
        String sniffed = sniffer.sniff(head, name);
        if (sniffed != null) {
            assertEquals(tika, sniffed, what + " named " + name + ": the sniffer must say what Tika says");
        }
        assertEquals(tika, detector.detect(head, name), what + " named " + name);
        return sniffed != null;
    }

    private static void assertSniffed(String what, byte[] bytes, String name, String type) {
        assertTrue(agrees(what, bytes, name), () -> what + " is decided by the sniffer; Tika's magic found "
                + index.candidates(bytes.length > ContentTypeDetector.HEAD_BYTES
                        ? Arrays.copyOf(bytes, ContentTypeDetector.HEAD_BYTES) : bytes));
        assertEquals(type, sniffer.sniff(bytes.length > ContentTypeDetector.HEAD_BYTES
                ? Arrays.copyOf(bytes, ContentTypeDetector.HEAD_BYTES) : bytes, name));
    }

    @Test
    void theCommonAcceptedFormatsAreDecidedWithoutTikasFullDetection() {
        assertSniffed("PDF", Samples.pdf("Quarterly"), "report.pdf", "application/pdf");
        assertSniffed("PDF", Corpus.pdf(), "scan.PDF", "application/pdf");
        assertSniffed("PDF without a name", Corpus.receiptPdf(), null, "application/pdf");
        assertSniffed("PNG", Corpus.png(40, 30), "receipt.png", "image/png");
        assertSniffed("JPEG", Corpus.jpegWithExif(), "photo.jpg", "image/jpeg");
        assertSniffed("TIFF", Corpus.tiff(40, 30), "scan.tif", "image/tiff");
        assertSniffed("WebP", webp(), "photo.webp", "image/webp");
        assertSniffed("plain text", Samples.text(100 * 1024), "receipt.txt", "text/plain");
        assertSniffed("plain text without a name", Samples.text(5000), null, "text/plain");
        assertSniffed("UTF-8 text", "Reçu café 12,50 € — merci\n".repeat(200).getBytes(StandardCharsets.UTF_8),
                "reçu.txt", "text/plain");
        assertSniffed("CSV", Corpus.csv(), "expenses.csv", "text/csv");
        assertSniffed("JSON", "{\"total\": 12.5, \"currency\": \"EUR\"}\n".getBytes(StandardCharsets.UTF_8),
                "receipt.json", "application/json");
    }

    @Test
    void everyOtherAcceptedFormatStillGetsTikasAnswer() {
        agrees("DOCX", Corpus.docx(), "memo.docx");
        agrees("XLSX", Corpus.xlsx(), "expenses.xlsx");
        agrees("ODT", Corpus.odt(), "minutes.odt");
        agrees("EML", Corpus.eml(), "invoice.eml");
        agrees("XML", "<?xml version=\"1.0\"?><invoice><total>12.50</total></invoice>".getBytes(StandardCharsets.UTF_8),
                "invoice.xml");
        agrees("text", Corpus.text(), "notes.txt");
    }

    @Test
    void executablesScriptsMarkupAndPolyglotsAreRefusedAsTikaRefusesThem() {
        Map<String, byte[]> hostile = new LinkedHashMap<>();
        byte[] elf = new byte[4096];
        System.arraycopy(new byte[] { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0 }, 0, elf, 0, 8);
        hostile.put("ELF executable", elf);
        hostile.put("PE executable", Corpus.peExecutable());
        hostile.put("Mach-O executable", prefixed(new byte[] { (byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe }, 4096));
        hostile.put("Java class", prefixed(new byte[] { (byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe }, 4096));
        hostile.put("shell script", utf8("#!/bin/sh\nrm -rf --no-preserve-root /\n"));
        hostile.put("env shebang", utf8("#!/usr/bin/env python3\nimport os\nos.system('id')\n"));
        hostile.put("PHP", utf8("<?php system($_GET['c']); ?>\n"));
        hostile.put("batch file", utf8("@echo off\r\ndel /q C:\\*\r\n"));
        hostile.put("HTML", utf8("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"));
        hostile.put("HTML in capitals", utf8("<HTML><BODY onload=alert(1)>x</BODY></HTML>"));
        hostile.put("HTML after a text line", utf8("Receipt 42\n<html><script>alert(1)</script></html>"));
        hostile.put("HTML 5,000 bytes in", concat(Samples.text(5000), utf8("<html><script>alert(1)</script>")));
        hostile.put("script tag only", utf8("<script>alert(1)</script>"));
        hostile.put("SVG", utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>"));
        hostile.put("SVG with an XML declaration", utf8("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
        hostile.put("XHTML", utf8("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>x</body></html>"));
        hostile.put("GIFAR", concat(Corpus.gif(), Corpus.docx()));
        hostile.put("PDF+ZIP", concat(Samples.pdf("Polyglot"), Corpus.docx()));
        hostile.put("PDF with HTML inside", concat(utf8("%PDF-1.4\n<html><script>alert(1)</script></html>\n"),
                Samples.pdf("x")));
        hostile.put("PNG with HTML after it", concat(Corpus.png(8, 8), utf8("<html><script>alert(1)</script>")));
        hostile.put("JPEG with a script comment", concat(Corpus.jpegWithExif(), utf8("<script>alert(1)</script>")));
        hostile.put("text with a PDF header inside", concat(utf8("Receipt\n"), Samples.pdf("inner")));
        hostile.put("RTF", utf8("{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0 Hello}"));
        hostile.put("PostScript", utf8("%!PS-Adobe-3.0\n/Helvetica findfont 12 scalefont setfont\n"));
        hostile.put("mbox", utf8("From someone@example.com Mon Nov  2 10:00:00 2026\nSubject: x\n\nbody\n"));
        hostile.put("vCard", utf8("BEGIN:VCARD\nVERSION:3.0\nFN:Mallory\nEND:VCARD\n"));
        hostile.put("UTF-16 text with a BOM", concat(new byte[] { (byte) 0xff, (byte) 0xfe },
                "Receipt 42".getBytes(StandardCharsets.UTF_16LE)));
        hostile.put("text with a NUL", utf8("Receipt\u0000 42\n"));
        hostile.put("Windows-1252 text", "Reçu café 12,50 €\n".getBytes(java.nio.charset.Charset.forName("windows-1252")));
        hostile.put("ZIP", prefixed(new byte[] { 'P', 'K', 3, 4 }, 200));
        hostile.put("gzip", prefixed(new byte[] { 0x1f, (byte) 0x8b, 8, 0 }, 200));
        hostile.put("a property-list signature on other bytes", concat(utf8("bplist00"), Samples.text(300)));
        List<String> names = Arrays.asList("invoice.pdf", "notes.txt", "photo.png", "data.csv", "page.html", "x.svg",
                "run.sh", "app.exe", null);
        for (Map.Entry<String, byte[]> file : hostile.entrySet()) {
            for (String name : names) {
                agrees(file.getKey(), file.getValue(), name);
            }
        }
        for (String name : List.of("page.html", "image.svg", "run.sh", "app.js", "letter.rtf")) {
            assertEquals(false, ALLOWED.contains(detector.detect(Samples.text(2000), name)),
                    "plain text named " + name + " is refused, as Tika's name hint makes it " + name);
        }
    }

    /**
     * Each literal pattern of Tika's magic database, planted where it may match into heads that would
     * otherwise take the fast path: the sniffer must then say what Tika says, or leave it to Tika.
     */
    @Test
    void everyPatternOfTikasMagicPlantedIntoAcceptedFilesGetsTikasAnswer() {
        Map<String, byte[]> bases = new LinkedHashMap<>();
        bases.put("receipt.txt", Samples.text(48 * 1024));
        bases.put("report.pdf", padded(Samples.pdf("Base"), 48 * 1024));
        bases.put("photo.png", padded(Corpus.png(16, 16), 48 * 1024));
        bases.put("photo.jpg", padded(Corpus.jpegWithExif(), 48 * 1024));
        int planted = 0;
        int sniffed = 0;
        List<TikaMagicIndex.Literal> literals = index.literals();
        assertTrue(literals.size() > 1000, "Tika's database was read: " + literals.size() + " literal patterns");
        for (TikaMagicIndex.Literal literal : literals) {
            for (Map.Entry<String, byte[]> base : bases.entrySet()) {
                for (int at : new int[] { literal.first(), literal.last() }) {
                    byte[] head = base.getValue();
                    if (at + literal.bytes().length > head.length || (at == 0 && !base.getKey().endsWith(".txt"))) {
                        continue;
                    }
                    byte[] file = head.clone();
                    System.arraycopy(literal.bytes(), 0, file, at, literal.bytes().length);
                    planted++;
                    if (agrees("pattern " + Arrays.toString(literal.bytes()) + " at " + at + " in " + base.getKey(), file,
                            base.getKey())) {
                        sniffed++;
                    }
                }
            }
        }
        System.out.printf("TypeSnifferTest: %d planted patterns, %d decided by the sniffer, %d left to Tika%n", planted,
                sniffed, planted - sniffed);
        assertTrue(planted > 4000, "planted " + planted);
    }

    @Test
    void aHeadThatStartsLikeAContainerButIsNoneIsRefusedNotAnError() {
        // Tika's property-list detector throws on this; before, that was a 500.
        assertEquals("application/octet-stream", detector.detect(concat(utf8("bplist00"), Samples.text(300)), "x.txt"));
    }

    @Test
    void theIndexReadsEveryMagicOfTikasDatabase() throws Exception {
        assertNotNull(index);
        java.lang.reflect.Field magics = MimeTypes.class.getDeclaredField("magics");
        magics.setAccessible(true);
        assertEquals(((List<?>) magics.get(types)).size(), index.magics());
    }

    private static byte[] webp() {
        byte[] webp = new byte[64];
        System.arraycopy(utf8("RIFF"), 0, webp, 0, 4);
        webp[4] = 56;
        System.arraycopy(utf8("WEBPVP8 "), 0, webp, 8, 8);
        return webp;
    }

    private static byte[] prefixed(byte[] prefix, int size) {
        return Arrays.copyOf(prefix, Math.max(size, prefix.length));
    }

    /** A binary file followed by text up to {@code size}, so that patterns have room after the signature. */
    private static byte[] padded(byte[] file, int size) {
        return file.length >= size ? file : concat(file, Samples.text(size - file.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static UploadConfig config() {
        return new UploadConfig() {
            @Override
            public long maxFileBytes() {
                return Long.MAX_VALUE;
            }

            @Override
            public Set<String> allowedTypes() {
                return ALLOWED;
            }

            @Override
            public long minBytesPerSecond() {
                return 0;
            }

            @Override
            public java.time.Duration slowUploadGrace() {
                return java.time.Duration.ZERO;
            }

            @Override
            public int maxTags() {
                return 50;
            }
        };
    }
}
