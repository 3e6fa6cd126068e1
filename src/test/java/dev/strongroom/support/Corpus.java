package dev.strongroom.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;

/**
 * Real documents of every format the vault accepts, generated in the test so that no binary fixture
 * is committed: each carries a title, author and words the tests look for. The hostile ones are
 * small on disk and built to hurt a parser that has no limits.
 */
public final class Corpus {

    private Corpus() {
    }

    public static final String PDF_TITLE = "Quarterly Liquidity Report";
    public static final String PDF_AUTHOR = "Jane Controller";
    public static final String PDF_CREATOR = "Strongroom Test Writer";

    /** A two-page PDF with title, author, creator tool and dates in its document information. */
    public static byte[] pdf() {
        try (PDDocument doc = new PDDocument()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(PDF_TITLE);
            info.setAuthor(PDF_AUTHOR);
            info.setCreator(PDF_CREATOR);
            info.setCreationDate(utc(2026, 10, 1, 9, 30));
            info.setModificationDate(utc(2026, 10, 2, 17, 0));
            page(doc, "The quarterly report shows that cash reserves grew in every region of the company.",
                    "Operating costs fell slightly while investment in new products continued as planned.",
                    "The board expects similar results next year if interest rates remain stable.");
            page(doc, "Appendix: liquidity by region and currency.");
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A till receipt as a PDF: vendor on top, a date line, items, and a total with currency. */
    public static byte[] receiptPdf() {
        try (PDDocument doc = new PDDocument()) {
            page(doc, "Northwind Stationery Ltd", "12 Harbour Street, Bristol", "VAT No. GB123456789", "",
                    "RECEIPT", "Date: 03/11/2026  14:22", "Receipt no. 40021", "",
                    "A4 paper 2 x 4.50              9.00", "Ballpoint pens 3 x 1.20          3.60",
                    "Subtotal                        12.60", "VAT 20%                          2.52",
                    "TOTAL                   GBP    15.12", "", "Paid by card. Thank you for shopping with us.");
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final String DOCX_TITLE = "Supplier Onboarding Memo";
    public static final String DOCX_AUTHOR = "Olaf Procurement";

    public static byte[] docx() {
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.getProperties().getCoreProperties().setTitle(DOCX_TITLE);
            doc.getProperties().getCoreProperties().setCreator(DOCX_AUTHOR);
            for (String text : new String[] { "New suppliers must provide a bank letter and a tax certificate.",
                    "Procurement reviews every supplier within ten working days." }) {
                XWPFParagraph p = doc.createParagraph();
                p.createRun().setText(text);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final String XLSX_TITLE = "Travel Expenses November";
    public static final String XLSX_AUTHOR = "Tom Traveller";

    public static byte[] xlsx() {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            book.getProperties().getCoreProperties().setTitle(XLSX_TITLE);
            book.getProperties().getCoreProperties().setCreator(XLSX_AUTHOR);
            XSSFSheet sheet = book.createSheet("Expenses");
            String[][] rows = { { "Date", "Item", "Amount" }, { "2026-11-04", "Taxi airport", "42.50" },
                    { "2026-11-05", "Hotel Lisbon", "189.00" } };
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final String ODT_TITLE = "Audit Committee Minutes";
    public static final String ODT_AUTHOR = "Greta Secretary";

    /**
     * An OpenDocument text, written by hand: a zip whose first entry is the uncompressed
     * {@code mimetype}, then the manifest, meta.xml (title, author, dates, page count) and content.xml.
     */
    public static byte[] odt() {
        String meta = """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                    xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
                    xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
                  <office:meta>
                    <meta:generator>Strongroom Test Writer</meta:generator>
                    <dc:title>%s</dc:title>
                    <meta:initial-creator>%s</meta:initial-creator>
                    <dc:creator>%s</dc:creator>
                    <meta:creation-date>2026-09-15T10:00:00</meta:creation-date>
                    <dc:date>2026-09-16T11:30:00</dc:date>
                    <meta:document-statistic meta:page-count="1" meta:word-count="14"/>
                  </office:meta>
                </office:document-meta>
                """.formatted(ODT_TITLE, ODT_AUTHOR, ODT_AUTHOR);
        String content = """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
                  <office:body>
                    <office:text>
                      <text:h>Minutes</text:h>
                      <text:p>The committee approved the external auditor's engagement letter for the coming year.</text:p>
                    </office:text>
                  </office:body>
                </office:document-content>
                """;
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
                  <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
                  <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                  <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>
                """;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry first = new ZipEntry("mimetype");
            first.setMethod(ZipEntry.STORED);
            first.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(mimetype);
            zip.closeEntry();
            entry(zip, "META-INF/manifest.xml", manifest.strip());
            entry(zip, "meta.xml", meta.strip());
            entry(zip, "content.xml", content.strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static final String JPEG_ARTIST = "Priya Photographer";
    public static final String JPEG_DESCRIPTION = "Taxi receipt photographed on the road";

    /** A small JPEG photo whose EXIF names the artist, camera, software and when it was taken. */
    public static byte[] jpegWithExif() {
        try {
            byte[] plain = image("jpg", 320, 200);
            TiffOutputSet exif = new TiffOutputSet();
            TiffOutputDirectory root = exif.getOrCreateRootDirectory();
            root.add(TiffTagConstants.TIFF_TAG_ARTIST, JPEG_ARTIST);
            root.add(TiffTagConstants.TIFF_TAG_IMAGE_DESCRIPTION, JPEG_DESCRIPTION);
            root.add(TiffTagConstants.TIFF_TAG_MAKE, "Strongroom");
            root.add(TiffTagConstants.TIFF_TAG_MODEL, "Test Camera 1");
            root.add(TiffTagConstants.TIFF_TAG_SOFTWARE, "Strongroom Test Writer");
            TiffOutputDirectory exifDir = exif.getOrCreateExifDirectory();
            exifDir.add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, "2026:11:05 08:15:00");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(plain, out, exif);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG of the given size: white with a dark band, so a preview of it is not blank. */
    public static byte[] png(int width, int height) {
        return image("png", width, height);
    }

    public static byte[] tiff(int width, int height) {
        return image("tiff", width, height);
    }

    public static byte[] csv() {
        return """
                date,vendor,description,amount,currency
                2026-11-01,Northwind Stationery,Printer toner,84.20,EUR
                2026-11-02,Contoso Travel,Train to Hamburg,129.00,EUR
                2026-11-03,Fabrikam Catering,Team lunch,212.75,EUR
                """.getBytes(StandardCharsets.UTF_8);
    }

    public static final String EML_SUBJECT = "Invoice 7731 for October consulting";
    public static final String EML_FROM = "Billing Desk <billing@fabrikam.example>";

    /** A plain RFC 5322 message with the headers a mail client writes. */
    public static byte[] eml() {
        return ("From: " + EML_FROM + "\r\n"
                + "To: Accounts Payable <ap@strongroom.example>\r\n"
                + "Subject: " + EML_SUBJECT + "\r\n"
                + "Date: Tue, 03 Nov 2026 09:12:44 +0100\r\n"
                + "Message-ID: <7731.20261103@fabrikam.example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 7bit\r\n"
                + "\r\n"
                + "Hello,\r\n\r\nplease find below our invoice for consulting services delivered in October.\r\n"
                + "Invoice date: 2026-11-02\r\nAmount due: EUR 4,250.00\r\n\r\nKind regards,\r\nFabrikam Billing\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] text() {
        return ("Meeting notes for the treasury team.\n"
                + "We agreed to move the monthly reconciliation to the second working day.\n"
                + "Reconciliation reports go to the controller before noon.\n").getBytes(StandardCharsets.UTF_8);
    }

    // ---- hostile documents ----

    /**
     * A DOCX whose document.xml inflates to {@code inflatedMiB} MiB of one repeated letter from a few
     * dozen KB: a zip bomb in the shape of a word document.
     */
    public static byte[] zipBombDocx(int inflatedMiB) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                    + "</Types>");
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                    + "</Relationships>");
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
                    + "wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>").getBytes(StandardCharsets.US_ASCII));
            byte[] mib = new byte[1 << 20];
            Arrays.fill(mib, (byte) 'a');
            for (int i = 0; i < inflatedMiB; i++) {
                zip.write(mib);
            }
            zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The classic billion laughs: ten levels of entities, each ten of the one below. */
    public static byte[] billionLaughs() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        xml.append(" <!ENTITY lol1 \"").append("&lol;".repeat(10)).append("\">\n");
        for (int i = 2; i <= 9; i++) {
            xml.append(" <!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        xml.append("]>\n<lolz>&lol9;</lolz>\n");
        return xml.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The first 90% of a valid PDF: the cross-reference table and trailer are gone. */
    public static byte[] truncatedPdf() {
        byte[] whole = pdf();
        return Arrays.copyOf(whole, whole.length * 9 / 10);
    }

    /** A PDF of {@code pages} pages that all share one small content stream, so it stays small on disk. */
    public static byte[] manyPagePdf(int pages) {
        try (PDDocument doc = new PDDocument()) {
            PDStream shared = new PDStream(doc);
            try (var out = shared.createOutputStream(COSName.FLATE_DECODE)) {
                out.write("BT /F1 12 Tf 72 720 Td (A page of a very long document) Tj ET".getBytes(StandardCharsets.US_ASCII));
            }
            COSStream stream = shared.getCOSObject();
            var resources = new org.apache.pdfbox.pdmodel.PDResources();
            resources.put(COSName.getPDFName("F1"), new PDType1Font(Standard14Fonts.FontName.HELVETICA));
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage();
                page.getCOSObject().setItem(COSName.CONTENTS, stream);
                page.setResources(resources);
                doc.addPage(page);
            }
            doc.getDocumentInformation().setTitle("Ten thousand pages");
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- helpers ----

    private static void page(PDDocument doc, String... lines) throws IOException {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            cs.beginText();
            cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
            cs.setLeading(15);
            cs.newLineAtOffset(72, 720);
            for (String line : lines) {
                cs.showText(line);
                cs.newLine();
            }
            cs.endText();
        }
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }

    private static Calendar utc(int year, int month, int day, int hour, int minute) {
        Calendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.clear();
        c.set(year, month - 1, day, hour, minute, 0);
        return c;
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static byte[] image(String format, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(20, 40, 120));
        g.fillRect(0, height / 3, width, height / 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A 1x1 GIF, whole: the front of a GIFAR polyglot. */
    public static byte[] gif() {
        return new byte[] { 'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, (byte) 0x80, 0, 0, 0, 0, 0, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, '!', (byte) 0xf9, 4, 1, 0, 0, 0, 0, ',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2,
                'D', 1, 0, ';' };
    }

    /** The DOS stub and PE signature of a Windows executable, padded. */
    public static byte[] peExecutable() {
        byte[] pe = new byte[4096];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[0x3c] = (byte) 0x80;
        pe[0x80] = 'P';
        pe[0x81] = 'E';
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, pe, 0x4e, stub.length);
        return pe;
    }
}
