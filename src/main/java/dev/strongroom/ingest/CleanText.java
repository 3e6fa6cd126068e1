package dev.strongroom.ingest;

/**
 * Text without any byte that could make it anything else: printable ASCII, tab, line breaks, form
 * feed and well-formed UTF-8 sequences (one cut short by the end of the head is fine). Stricter than
 * Tika's own text test, which tolerates a few control bytes, so whatever passes here Tika also reads
 * as plain text.
 */
final class CleanText {

    private CleanText() {
    }

    static boolean is(byte[] head) {
        int i = 0;
        int n = head.length;
        while (i < n) {
            while (i < n && head[i] >= 0x20 && head[i] < 0x7f) {
                i++;
            }
            if (i == n) {
                return true;
            }
            int b = head[i] & 0xff;
            if (b == '\n' || b == '\r' || b == '\t' || b == '\f') {
                i++;
                continue;
            }
            int continuation = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
            if (continuation < 0) {
                return false;
            }
            for (int k = 1; k <= continuation; k++) {
                if (i + k >= n) {
                    return true;
                }
                if ((head[i + k] & 0xc0) != 0x80) {
                    return false;
                }
            }
            i += continuation + 1;
        }
        return true;
    }
}
