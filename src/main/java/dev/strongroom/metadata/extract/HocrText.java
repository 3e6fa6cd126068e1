package dev.strongroom.metadata.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads Tesseract's hOCR output as Tika passes it on: the recognised words, one line of text per
 * {@code ocr_line} (the receipt heuristics read line by line), and the mean of the words'
 * {@code x_wconf} confidences. Text outside OCR words (a PDF's own text layer, if any) is ignored.
 * Each line is also kept with its region (its {@code bbox}, mapped back to the original image's pixels
 * when the image was prepared first) and its lowest word confidence, for the receipt reader.
 */
final class HocrText extends DefaultHandler {

    private static final Pattern CONFIDENCE = Pattern.compile("x_wconf (\\d+(?:\\.\\d+)?)");
    private static final Pattern BBOX = Pattern.compile("bbox (\\d+) (\\d+) (\\d+) (\\d+)");

    private final StringBuilder text = new StringBuilder();
    private final int maxChars;
    private int depth;
    private int wordDepth = -1;
    private boolean lineHasWords;
    private double confidenceSum;
    private int confidences;
    private int pages;
    private final List<TextLine> lines = new ArrayList<>();
    private StringBuilder line;
    private int[] lineBox;
    private double lineMin;
    private int page = 1;
    private UnaryOperator<int[]> toOriginal = UnaryOperator.identity();

    HocrText(int maxChars) {
        this.maxChars = maxChars;
    }

    /**
     * The hOCR that follows is of this page (1-based), and its boxes map back to the original image's
     * pixels through {@code toOriginal} ({@code [left, top, right, bottom]} in, the same out).
     */
    void page(int number, UnaryOperator<int[]> mapping) {
        this.page = number;
        this.toOriginal = mapping;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
        depth++;
        String cls = atts.getValue("class");
        if (cls == null) {
            return;
        }
        switch (cls) {
            case "ocr_page" -> pages++;
            case "ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat" -> {
                newLine();
                String title = atts.getValue("title");
                Matcher box = title == null ? null : BBOX.matcher(title);
                lineBox = box != null && box.find() ? new int[] { Integer.parseInt(box.group(1)),
                    Integer.parseInt(box.group(2)), Integer.parseInt(box.group(3)), Integer.parseInt(box.group(4)) } : null;
                line = new StringBuilder();
                lineMin = Double.NaN;
            }
            case "ocrx_word" -> {
                if (lineHasWords) {
                    append(" ");
                }
                wordDepth = depth;
                lineHasWords = true;
                String title = atts.getValue("title");
                Matcher m = title == null ? null : CONFIDENCE.matcher(title);
                if (m != null && m.find()) {
                    double c = Double.parseDouble(m.group(1));
                    confidenceSum += c;
                    confidences++;
                    lineMin = Double.isNaN(lineMin) ? c : Math.min(lineMin, c);
                }
                if (line != null && line.length() > 0) {
                    line.append(' ');
                }
            }
            default -> {
                // other hOCR structure (areas, paragraphs) adds nothing beyond its lines
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        if (depth == wordDepth) {
            wordDepth = -1;
        }
        depth--;
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (wordDepth >= 0) {
            String s = new String(ch, start, length);
            append(s);
            if (line != null && line.length() < 1000) {
                line.append(s);
            }
        }
    }

    private void newLine() {
        if (lineHasWords) {
            append("\n");
        }
        lineHasWords = false;
        closeLine();
    }

    private void closeLine() {
        if (line != null) {
            String text = ReceiptText.collapse(line.toString());
            if (!text.isEmpty()) {
                Sidecar.Location at = lineBox == null ? null
                        : Sidecar.Location.region(page, java.util.Arrays.stream(toOriginal.apply(lineBox)).boxed().toList());
                lines.add(new TextLine(text, at, Double.isNaN(lineMin) ? null : lineMin));
            }
        }
        line = null;
    }

    @Override
    public void endDocument() {
        closeLine();
        if (lineHasWords) {
            append("\n");
            lineHasWords = false;
        }
    }

    /** The lines read so far, each with its region and lowest word confidence. */
    List<TextLine> lines() {
        closeLine();
        return List.copyOf(lines);
    }

    private void append(String s) {
        int room = maxChars - text.length();
        if (room > 0) {
            text.append(s, 0, Math.min(room, s.length()));
        }
    }

    String text() {
        return text.toString();
    }

    /** Pages (or images) Tesseract read. */
    int pages() {
        return pages;
    }

    /** Mean word confidence, 0 to 100, rounded to one decimal; null when no word had one. */
    Double meanConfidence() {
        return confidences == 0 ? null : Math.round(confidenceSum / confidences * 10) / 10.0;
    }
}
