package dev.strongroom.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the SDK actually sent, hashed on the way: every attempt it read to the end must have carried
 * the catalog's bytes, whichever way it read them, and an attempt cut short proves nothing.
 */
class VerifyingContentTest {

    private static final byte[] BYTES = "statement of account, November\n".getBytes(StandardCharsets.UTF_8);
    private static final String SHA256 = Sha256.hexOf(BYTES);

    @Test
    void aCompleteReadOfTheRightBytesIsWhatWasSent() throws IOException {
        AtomicInteger reads = new AtomicInteger();
        VerifyingContent content = new VerifyingContent(() -> new ByteArrayInputStream(BYTES), BYTES.length,
                reads::incrementAndGet);

        try (InputStream in = content.newStream()) {
            in.readAllBytes();
        }

        assertTrue(content.sentExactly(SHA256));
        assertEquals(SHA256, content.lastDigest());
        assertTrue(reads.get() > 0, "every read is reported, so a run can tell a moving upload from a hung one");
    }

    @Test
    void readingByteByByteHashesTheSame() throws IOException {
        VerifyingContent content = new VerifyingContent(() -> new ByteArrayInputStream(BYTES), BYTES.length, null);

        try (InputStream in = content.newStream()) {
            while (in.read() >= 0) {
                // one byte at a time, as some transports do
            }
            assertEquals(-1, in.read());
        }

        assertTrue(content.sentExactly(SHA256));
        assertFalse(content.newStream().markSupported(), "a retry must open a new stream, not rewind");
    }

    @Test
    void nothingSentOrAnAttemptCutShortIsNotProof() throws IOException {
        VerifyingContent content = new VerifyingContent(() -> new ByteArrayInputStream(BYTES), BYTES.length, null);
        assertFalse(content.sentExactly(SHA256));
        assertNull(content.lastDigest());

        try (InputStream in = content.newStream()) {
            in.readNBytes(10);
        }

        assertFalse(content.sentExactly(SHA256));
    }

    @Test
    void oneRetryThatSentOtherBytesSpoilsTheWholeUpload() throws IOException {
        AtomicInteger attempts = new AtomicInteger();
        byte[] rotten = BYTES.clone();
        rotten[3] ^= 1;
        VerifyingContent content = new VerifyingContent(
                () -> new ByteArrayInputStream(attempts.incrementAndGet() == 1 ? BYTES : rotten), BYTES.length, null);

        for (int i = 0; i < 2; i++) {
            try (InputStream in = content.newStream()) {
                in.readAllBytes();
            }
        }

        assertFalse(content.sentExactly(SHA256));
        assertEquals(Sha256.hexOf(rotten), content.lastDigest());
    }

    @Test
    void aSourceLongerThanDeclaredProvesNothing() throws IOException {
        byte[] longer = (new String(BYTES, StandardCharsets.UTF_8) + "appended").getBytes(StandardCharsets.UTF_8);
        VerifyingContent content = new VerifyingContent(() -> new ByteArrayInputStream(longer), BYTES.length, null);

        try (InputStream in = content.newStream()) {
            in.readAllBytes();
        }

        assertFalse(content.sentExactly(SHA256), "the local copy is not the document the catalog describes");
    }

    @Test
    void aTransportThatReadsExactlyTheDeclaredLengthAndStopsHasSentIt() throws IOException {
        VerifyingContent content = new VerifyingContent(() -> new ByteArrayInputStream(BYTES), BYTES.length, null);

        try (InputStream in = content.newStream()) {
            assertEquals(BYTES.length, in.read(new byte[BYTES.length]));
        }

        assertTrue(content.sentExactly(SHA256), "the SDK stops at Content-Length without reading to the end");
    }

    @Test
    void anEmptyDocumentIsSentExactlyWhicheverWayItIsRead() throws IOException {
        String empty = Sha256.hexOf(new byte[0]);
        VerifyingContent byArray = new VerifyingContent(() -> new ByteArrayInputStream(new byte[0]), 0, null);
        VerifyingContent byByte = new VerifyingContent(() -> new ByteArrayInputStream(new byte[0]), 0, null);

        try (InputStream in = byArray.newStream()) {
            in.readAllBytes();
        }
        try (InputStream in = byByte.newStream()) {
            assertEquals(-1, in.read());
        }

        assertTrue(byArray.sentExactly(empty));
        assertTrue(byByte.sentExactly(empty));
    }

    @Test
    void zeroBytesReadOneAtATimeAreSentLikeAnyOther() throws IOException {
        byte[] zeros = new byte[] {0, 7, 0, 0};
        VerifyingContent content = new VerifyingContent(() -> new ByteArrayInputStream(zeros), zeros.length, null);

        try (InputStream in = content.newStream()) {
            assertEquals(0, in.read());
            in.readAllBytes();
        }

        assertTrue(content.sentExactly(Sha256.hexOf(zeros)));
    }

    @Test
    void everyStreamOfTheSourceIsClosed() throws IOException {
        AtomicInteger closed = new AtomicInteger();
        VerifyingContent content = new VerifyingContent(() -> new ByteArrayInputStream(BYTES) {
            @Override
            public void close() {
                closed.incrementAndGet();
            }
        }, BYTES.length, null);

        for (int i = 0; i < 2; i++) {
            try (InputStream in = content.newStream()) {
                in.readAllBytes();
            }
        }

        assertEquals(2, closed.get(), "a retry must not leave the previous attempt's file open");
    }
}
