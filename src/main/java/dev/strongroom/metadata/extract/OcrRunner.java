package dev.strongroom.metadata.extract;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.xml.sax.SAXException;

/**
 * Reads the text of images and scanned PDF pages with Tesseract, one page at a time: each page is
 * decoded (a PDF page rendered at {@code dpi}), prepared ({@link ImagePreparation}), written as a
 * temporary PNG and read by the {@code tesseract} command as hOCR into a {@link HocrText}, told the
 * prepared image's resolution. Tesseract binarises with its global Otsu threshold
 * ({@code thresholding_method=0}), which after our contrast stretch and crop read blurred photos better than
 * Leptonica's adaptive methods (1, 2) did on the bench corpus (a misread total in three of six photos). A page whose words Tesseract is unsure of is given to its orientation detection
 * ({@code --psm 0}); when that says the page is turned by 90°, 180° or 270° with a confidence of at
 * least {@value #ROTATE_CONFIDENCE}, the page is turned and read again, and the surer reading is kept.
 * (OCRmyPDF asks the same of Tesseract for {@code --rotate-pages}; we ask only when the first reading is
 * poor, which saves a Tesseract run on most pages.)
 */
final class OcrRunner {

    static final double ROTATE_CONFIDENCE = 2.0;
    /** A first reading below this mean word confidence may be of a turned page. */
    private static final double ORIENTATION_CHECK_BELOW = 70;
    private static final Pattern ROTATE = Pattern.compile("Rotate: (\\d+)");
    private static final Pattern ORIENTATION_CONFIDENCE = Pattern.compile("Orientation confidence: ([\\d.]+)");

    /** A page could not be read; the message is for people. */
    static final class OcrFailed extends Exception {
        OcrFailed(String message) {
            super(message);
        }
    }

    /** The deadline passed, or the extraction was told to stop. */
    static final class OcrStopped extends Exception {
        OcrStopped() {
            super("OCR did not finish within the time limit");
        }
    }

    private final Tesseract tesseract;
    private final OcrSettings settings;
    private final ImagePreparation preparation;

    OcrRunner(Tesseract tesseract, OcrSettings settings) {
        this.tesseract = tesseract;
        this.settings = settings;
        this.preparation = new ImagePreparation(settings.maxPixels());
    }

    /** Reads an image file (its first frame). */
    void readImage(Path file, HocrText into, long deadline, BooleanSupplier stopped)
            throws OcrFailed, OcrStopped, IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new OcrFailed("the image could not be decoded: " + Failures.clip(String.valueOf(e.getMessage())));
        }
        if (image == null) {
            throw new OcrFailed("no image decoder for this file");
        }
        readPage(image, 1, into, deadline, stopped);
    }

    /** Reads every page of a PDF, rendered at {@code dpi}, at most {@code maxPages}. */
    void readPdf(Path file, HocrText into, long deadline, BooleanSupplier stopped)
            throws OcrFailed, OcrStopped, IOException {
        try (PDDocument doc = Loader.loadPDF(file.toFile(), MemoryUsageSetting.setupTempFileOnly().streamCache)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            int pages = Math.min(doc.getNumberOfPages(), settings.maxPages());
            for (int p = 0; p < pages; p++) {
                checkTime(deadline, stopped);
                BufferedImage page = renderer.renderImageWithDPI(p, settings.dpi(), ImageType.GRAY);
                readPage(page, p + 1, into, deadline, stopped);
            }
        }
    }

    private void readPage(BufferedImage original, int number, HocrText into, long deadline, BooleanSupplier stopped)
            throws OcrFailed, OcrStopped, IOException {
        checkTime(deadline, stopped);
        ImagePreparation.Prepared prepared = preparation.prepare(original);
        Path dir = Files.createTempDirectory("strongroom-ocr-");
        try {
            Path hocr = recognise(prepared, dir, "page", deadline, stopped);
            HocrText first = new HocrText(Integer.MAX_VALUE);
            parse(hocr, first, prepared, number);
            Double confidence = first.meanConfidence();
            if (confidence == null || confidence < ORIENTATION_CHECK_BELOW) {
                int turns = orientation(dir, deadline, stopped);
                if (turns != 0) {
                    ImagePreparation.Prepared turned = prepared.rotated(turns);
                    Path again = recognise(turned, dir, "turned", deadline, stopped);
                    HocrText second = new HocrText(Integer.MAX_VALUE);
                    parse(again, second, turned, number);
                    if (second.meanConfidence() != null
                            && (confidence == null || second.meanConfidence() > confidence)) {
                        parse(again, into, turned, number);
                        return;
                    }
                }
            }
            parse(hocr, into, prepared, number);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Runs Tesseract on the prepared page; returns its hOCR file. */
    private Path recognise(ImagePreparation.Prepared prepared, Path dir, String name, long deadline,
            BooleanSupplier stopped) throws OcrFailed, OcrStopped, IOException {
        Path png = dir.resolve(name + ".png");
        ImageIO.write(prepared.image(), "png", png.toFile());
        // Glyphs of 26 to 30 pixels are 9 to 10 pt at 300 dpi; saying so keeps Tesseract from guessing the resolution.
        run(List.of(png.toString(), dir.resolve(name).toString(), "--tessdata-dir", tesseract.tessdata().toString(),
                "-l", tesseract.languages(), "--psm", "4", "--dpi", "300", "-c", "thresholding_method=0", "hocr"),
                dir.resolve(name + ".log"), deadline, stopped);
        Path hocr = dir.resolve(name + ".hocr");
        if (!Files.isRegularFile(hocr)) {
            throw new OcrFailed("tesseract wrote no output: " + tail(dir.resolve(name + ".log")));
        }
        return hocr;
    }

    /** Quarter turns clockwise that make the page upright, by Tesseract's orientation detection; 0 if unsure. */
    private int orientation(Path dir, long deadline, BooleanSupplier stopped) throws OcrStopped, IOException {
        if (!Files.isRegularFile(tesseract.tessdata().resolve("osd.traineddata"))) {
            return 0;
        }
        Path log = dir.resolve("osd.log");
        try {
            run(List.of(dir.resolve("page.png").toString(), "stdout", "--tessdata-dir", tesseract.tessdata().toString(),
                    "--psm", "0", "--dpi", "300"), log, deadline, stopped);
        } catch (OcrFailed tooFewCharacters) {
            return 0;
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Matcher rotate = ROTATE.matcher(out);
        Matcher confidence = ORIENTATION_CONFIDENCE.matcher(out);
        if (!rotate.find() || !confidence.find() || Double.parseDouble(confidence.group(1)) < ROTATE_CONFIDENCE) {
            return 0;
        }
        return Integer.parseInt(rotate.group(1)) / 90;
    }

    private void run(List<String> args, Path log, long deadline, BooleanSupplier stopped)
            throws OcrFailed, OcrStopped, IOException {
        List<String> command = new ArrayList<>();
        command.add(tesseract.directory().resolve("tesseract").toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        long pageDeadline = System.nanoTime() + settings.pageTimeout().toNanos();
        try {
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (stopped.getAsBoolean() || System.nanoTime() - deadline > 0) {
                    throw new OcrStopped();
                }
                if (System.nanoTime() - pageDeadline > 0) {
                    throw new OcrFailed("tesseract did not finish a page within " + settings.pageTimeout().toSeconds()
                            + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OcrStopped();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        if (process.exitValue() != 0) {
            throw new OcrFailed("tesseract failed (exit " + process.exitValue() + "): " + tail(log));
        }
    }

    private static void parse(Path hocr, HocrText into, ImagePreparation.Prepared prepared, int page)
            throws OcrFailed, IOException {
        into.page(page, prepared::mapBack);
        try (InputStream in = Files.newInputStream(hocr)) {
            parser().parse(in, into);
        } catch (SAXException e) {
            throw new OcrFailed("tesseract's hOCR could not be read: " + Failures.clip(e.getMessage()));
        }
    }

    private static SAXParser parser() throws OcrFailed {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            // hOCR names the XHTML DTD; nothing is fetched or expanded.
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            return factory.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new OcrFailed("no XML parser for hOCR: " + e.getMessage());
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            return Failures.clip(text.length() > 300 ? text.substring(text.length() - 300) : text);
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static void checkTime(long deadline, BooleanSupplier stopped) throws OcrStopped {
        if (stopped.getAsBoolean() || System.nanoTime() - deadline > 0) {
            throw new OcrStopped();
        }
    }
}
