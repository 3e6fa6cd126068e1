package dev.strongroom.catalog;

import java.nio.charset.StandardCharsets;

/**
 * RFC 6266 {@code Content-Disposition} for a download or an inline view: an ASCII {@code filename} that old clients
 * can use safely, and {@code filename*} (RFC 8187) with the exact UTF-8 name for everyone else.
 */
final class ContentDisposition {

    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private ContentDisposition() {
    }

    static String attachment(String fileName) {
        return disposition("attachment", fileName);
    }

    /** For bytes shown in the page; a browser saving them still gets the right name. */
    static String inline(String fileName) {
        return disposition("inline", fileName);
    }

    private static String disposition(String kind, String fileName) {
        StringBuilder ascii = new StringBuilder();
        fileName.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' ? (char) cp : '_'));
        StringBuilder encoded = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ATTR_CHARS.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
