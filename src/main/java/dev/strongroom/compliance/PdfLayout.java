package dev.strongroom.compliance;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Flowing text on A4 pages with PDFBox: headings, paragraphs and indented lines, wrapped to the
 * page width, with a page number in each footer. The standard fonts need no embedding, so the
 * file stays small; characters they cannot show are written as '?'.
 */
final class PdfLayout implements AutoCloseable {

    private static final float MARGIN = 50;
    private static final float BODY = 9.5f;
    private static final PDRectangle SIZE = PDRectangle.A4;

    private final PDDocument document = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final String footer;
    private PDPageContentStream page;
    private float y;
    private int pages;

    PdfLayout(String title, String footer) throws IOException {
        this.footer = footer;
        document.getDocumentInformation().setTitle(title);
        document.getDocumentInformation().setCreator("Strongroom");
        newPage();
    }

    void title(String text) throws IOException {
        write(text, bold, 16, 0, 6);
    }

    void heading(String text) throws IOException {
        y -= 6;
        write(text, bold, 12, 0, 3);
    }

    void line(String text) throws IOException {
        write(text, regular, BODY, 0, 1);
    }

    void strong(String text) throws IOException {
        write(text, bold, BODY, 0, 1);
    }

    void indented(String text) throws IOException {
        write(text, regular, BODY, 14, 1);
    }

    private void write(String text, PDType1Font font, float size, float indent, float after) throws IOException {
        float width = SIZE.getWidth() - 2 * MARGIN - indent;
        for (String piece : wrap(printable(text), font, size, width)) {
            if (y - size < MARGIN + 20) {
                newPage();
            }
            y -= size * 1.3f;
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(MARGIN + indent, y);
            page.showText(piece);
            page.endText();
        }
        y -= after;
    }

    private static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size <= width || current.isEmpty()) {
                current.setLength(0);
                current.append(candidate);
            } else {
                lines.add(current.toString());
                current.setLength(0);
                current.append(word);
            }
            // A single word wider than the line (a long id or hash) is cut where it overflows.
            while (font.getStringWidth(current.toString()) / 1000 * size > width && current.length() > 1) {
                int cut = current.length() - 1;
                while (cut > 1 && font.getStringWidth(current.substring(0, cut)) / 1000 * size > width) {
                    cut--;
                }
                lines.add(current.substring(0, cut));
                current.delete(0, cut);
            }
        }
        lines.add(current.toString());
        return lines;
    }

    /** Keeps what WinAnsiEncoding (the standard fonts' encoding) can show. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c == '\n' || c == '\t' ? ' ' : (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) ? c : '?');
        }
        return out.toString();
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage next = new PDPage(SIZE);
        document.addPage(next);
        pages++;
        page = new PDPageContentStream(document, next);
        page.beginText();
        page.setFont(regular, 8);
        page.newLineAtOffset(MARGIN, MARGIN - 20);
        page.showText(printable(footer + " - page " + pages));
        page.endText();
        y = SIZE.getHeight() - MARGIN;
    }

    void save(OutputStream out) throws IOException {
        page.close();
        page = null;
        document.save(out);
    }

    @Override
    public void close() throws IOException {
        if (page != null) {
            page.close();
        }
        document.close();
    }
}
