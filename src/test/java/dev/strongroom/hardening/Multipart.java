package dev.strongroom.hardening;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A multipart/form-data body written byte by byte, so a test can break it exactly where it wants. */
final class Multipart {

    static final String BOUNDARY = "hardening-7f3a9c";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** A file part whose name is given as raw bytes (which need not be UTF-8). */
    Multipart file(String field, byte[] rawFileName, byte[] content) {
        ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"");
        body.writeBytes(rawFileName);
        ascii("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(content);
        ascii("\r\n");
        return this;
    }

    Multipart file(String fileName, byte[] content) {
        return file("file", fileName.getBytes(StandardCharsets.UTF_8), content);
    }

    Multipart field(String name, byte[] value) {
        ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        body.writeBytes(value);
        ascii("\r\n");
        return this;
    }

    /** The body with its closing delimiter. */
    byte[] close() {
        ascii("--" + BOUNDARY + "--\r\n");
        return body.toByteArray();
    }

    /** The body as written so far, without a closing delimiter: an upload cut off on the way. */
    byte[] open() {
        return body.toByteArray();
    }

    private void ascii(String s) {
        body.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
