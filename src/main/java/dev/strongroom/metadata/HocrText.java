package dev.strongroom.metadata;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads Tesseract's hOCR output as Tika passes it on: the recognised words, one line of text per
 * {@code ocr_line} (the receipt heuristics read line by line), and the mean of the words'
 * {@code x_wconf} confidences. Text outside OCR words (a PDF's own text layer, if any) is ignored.
 */
final class HocrText extends DefaultHandler {

    private static final Pattern CONFIDENCE = Pattern.compile("x_wconf (\\d+(?:\\.\\d+)?)");

    private final StringBuilder text = new StringBuilder();
    private final int maxChars;
    private int depth;
    private int wordDepth = -1;
    private boolean lineHasWords;
    private double confidenceSum;
    private int confidences;
    private int pages;

    HocrText(int maxChars) {
        this.maxChars = maxChars;
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
            case "ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat" -> newLine();
            case "ocrx_word" -> {
                if (lineHasWords) {
                    append(" ");
                }
                wordDepth = depth;
                lineHasWords = true;
                String title = atts.getValue("title");
                Matcher m = title == null ? null : CONFIDENCE.matcher(title);
                if (m != null && m.find()) {
                    confidenceSum += Double.parseDouble(m.group(1));
                    confidences++;
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
            append(new String(ch, start, length));
        }
    }

    private void newLine() {
        if (lineHasWords) {
            append("\n");
        }
        lineHasWords = false;
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
