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
 * Flowing text and tables on A4 pages with PDFBox: headings, paragraphs, lines and
 * tables, wrapped to the page width, with a page number in each footer. The standard fonts need no embedding, so the
 * file stays small; characters they cannot show are written as '?'.
 */
final class PdfLayout implements AutoCloseable {

    private static final float MARGIN = 50;
    private static final float BODY = 9.5f;
    private static final float CELL = 8.5f;
    private static final float PAD = 3;
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

    /**
     * A table with a shaded header row, one row per entry, cells wrapped to their column and rules
     * between rows; the header repeats on every page the table runs onto.
     *
     * @param widths each column's share of the line, adding up to 1
     */
    void table(String[] headers, float[] widths, List<String[]> rows) throws IOException {
        float full = SIZE.getWidth() - 2 * MARGIN;
        float[] columns = new float[widths.length];
        for (int i = 0; i < widths.length; i++) {
            columns[i] = widths[i] * full;
        }
        y -= 2;
        row(headers, columns, bold, true);
        for (String[] row : rows) {
            if (y - rowHeight(row, columns, regular) < MARGIN + 20) {
                newPage();
                row(headers, columns, bold, true);
            }
            row(row, columns, regular, false);
        }
        y -= 6;
    }

    private float rowHeight(String[] cells, float[] columns, PDType1Font font) throws IOException {
        int lines = 1;
        for (int i = 0; i < cells.length; i++) {
            lines = Math.max(lines, wrap(printable(cells[i]), font, CELL, columns[i] - 2 * PAD).size());
        }
        return lines * CELL * 1.3f + 2 * PAD;
    }

    private void row(String[] cells, float[] columns, PDType1Font font, boolean header) throws IOException {
        float height = rowHeight(cells, columns, font);
        if (y - height < MARGIN + 20) {
            newPage();
        }
        float top = y;
        if (header) {
            page.setNonStrokingColor(0.93f, 0.94f, 0.96f);
            page.addRect(MARGIN, top - height, SIZE.getWidth() - 2 * MARGIN, height);
            page.fill();
            page.setNonStrokingColor(0f, 0f, 0f);
        }
        float x = MARGIN;
        for (int i = 0; i < cells.length; i++) {
            float lineY = top - PAD;
            for (String piece : wrap(printable(cells[i]), font, CELL, columns[i] - 2 * PAD)) {
                lineY -= CELL * 1.3f;
                page.beginText();
                page.setFont(font, CELL);
                page.newLineAtOffset(x + PAD, lineY + 2);
                page.showText(piece);
                page.endText();
            }
            x += columns[i];
        }
        page.setStrokingColor(0.8f, 0.82f, 0.85f);
        page.setLineWidth(0.5f);
        page.moveTo(MARGIN, top - height);
        page.lineTo(SIZE.getWidth() - MARGIN, top - height);
        page.stroke();
        y = top - height;
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
