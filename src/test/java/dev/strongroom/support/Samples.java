package dev.strongroom.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Small real files of the accepted types, made in the test. */
public final class Samples {

    private Samples() {
    }

    /** A minimal but well-formed one-page PDF showing {@code text}. */
    public static byte[] pdf(String text) {
        String stream = "BT /F1 12 Tf 72 720 Td (" + text.replace("(", "").replace(")", "") + ") Tj ET";
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>" };
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Plain text of exactly {@code size} bytes, different on every call. */
    public static byte[] text(int size) {
        StringBuilder text = new StringBuilder("Receipt " + UUID.randomUUID() + "\n");
        while (text.length() < size) {
            text.append("line ").append(text.length()).append(" amount 12.34 EUR\n");
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    /** How many files hold this blob in the running test app's store. */
    public static long countBlobFiles(String sha256) {
        Path blobs = Path.of(ConfigProvider.getConfig().getValue("strongroom.data-dir", String.class), "blobs");
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(p -> p.getFileName().toString().equals(sha256)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertNoDocuments(String user) {
        Vault.as(user).get("/api/documents").then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(0));
    }

    public static void assertNoBlob(String sha256) {
        if (countBlobFiles(sha256) != 0) {
            throw new AssertionError("a blob " + sha256 + " was stored");
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
