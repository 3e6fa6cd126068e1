package dev.strongroom;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes a directory's entries durable. A file's own fsync keeps its bytes, not its name: a create, rename or delete
 * survives a power cut only once the directory that lists it is fsynced too.
 */
public final class DirectorySync {

    private DirectorySync() {
    }

    /** Blocks until every entry change in {@code dir} so far is on the disk. */
    public static void fsync(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
