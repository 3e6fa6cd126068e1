package dev.strongroom.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * The bytes of an upload, re-readable from any offset: a target opens them again for every attempt
 * and, in parts, once per part.
 */
public interface ObjectSource {

    long size();

    /** A new stream over {@code length} bytes from {@code offset}. */
    InputStream open(long offset, long length);

    static ObjectSource of(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return of(file, size);
    }

    /** A file whose size the caller already knows (the catalog's): fewer bytes fail the checksum, not here. */
    static ObjectSource of(Path file, long size) {
        return new ObjectSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open(long offset, long length) {
                try {
                    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(offset);
                    return BoundedInputStream.builder().setInputStream(Channels.newInputStream(channel))
                            .setMaxCount(length).get();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
        };
    }

    static ObjectSource of(byte[] bytes) {
        return new ObjectSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open(long offset, long length) {
                return new ByteArrayInputStream(bytes, (int) offset, (int) length);
            }
        };
    }
}
