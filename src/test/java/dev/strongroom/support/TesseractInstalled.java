package dev.strongroom.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** OCR tests need Debian's tesseract-ocr with the eng, por and deu data, which .ci/run installs. */
public final class TesseractInstalled {

    public static final Path TESSERACT = Path.of("/usr/bin/tesseract");

    private TesseractInstalled() {
    }

    /**
     * Skips the calling test with a loud reason when Tesseract is missing; on CI ({@code CI=true}) that
     * is a failure instead, so a broken setup cannot pass unseen.
     */
    public static void require() {
        Path data = Path.of("/usr/share/tesseract-ocr/5/tessdata");
        if (Files.isExecutable(TESSERACT) && Files.isRegularFile(data.resolve("eng.traineddata"))
                && Files.isRegularFile(data.resolve("por.traineddata"))
                && Files.isRegularFile(data.resolve("deu.traineddata"))) {
            return;
        }
        MissingTool.skipOrFail("OCR TESTS", "OCR tests need tesseract at " + TESSERACT + " with English, Portuguese "
                + "and German data (apt-get install -y tesseract-ocr tesseract-ocr-eng tesseract-ocr-por "
                + "tesseract-ocr-deu)");
    }
}
