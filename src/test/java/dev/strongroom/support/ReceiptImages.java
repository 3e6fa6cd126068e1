package dev.strongroom.support;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Photographed and scanned receipts with known text, drawn with Java2D: a slight rotation and speckle
 * noise like a phone photo, and an image-only PDF like a scanner makes (no text layer at all).
 */
public final class ReceiptImages {

    /** What is printed on one receipt. {@code isoDate} is the date as the vault should read it. */
    public record Receipt(String vendor, String street, String printedDate, String isoDate, String item, String total,
            String currency) {

        List<String> lines() {
            return List.of(vendor.toUpperCase(), street, "RECEIPT", "Date: " + printedDate, item + "   " + total,
                    "TOTAL " + currency + "   " + total, "Thank you for your visit");
        }
    }

    private ReceiptImages() {
    }

    /** The receipt as an image, rotated by {@code degrees}, with a little noise. */
    public static BufferedImage draw(Receipt receipt, double degrees, long seed) {
        BufferedImage img = new BufferedImage(1000, 1300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(250, 248, 242));
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.rotate(Math.toRadians(degrees), img.getWidth() / 2.0, img.getHeight() / 2.0);
            g.setColor(new Color(25, 25, 30));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 38));
            int y = 140;
            for (String line : receipt.lines()) {
                g.drawString(line, 110, y);
                y += 80;
            }
        } finally {
            g.dispose();
        }
        Random random = new Random(seed);
        for (int i = 0; i < 4000; i++) {
            int shade = 140 + random.nextInt(100);
            img.setRGB(random.nextInt(img.getWidth()), random.nextInt(img.getHeight()),
                    new Color(shade, shade, shade).getRGB());
        }
        return img;
    }

    public static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    public static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpeg");
    }

    /** A scanner's PDF: each image a full A4 page, and no text layer. */
    public static byte[] scannedPdf(List<BufferedImage> pages) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (BufferedImage image : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                PDImageXObject xobject = LosslessFactory.createFromImage(doc, image);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.drawImage(xobject, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(BufferedImage image, String format) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
