package dev.strongroom.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a small state file on the data volume so that after any crash it holds either the old or
 * the new content, whole, and the new content survives a power cut once {@link #replace} returned:
 * write a temporary file, fsync it, rename it over the target, fsync the directory.
 */
public final class DurableFile {

    private DurableFile() {
    }

    public static void replace(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // Checked first: createDirectories on a directory that exists throws and catches an exception per call, and
        // the audit shipper's checkpoint is replaced several times a second.
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        Path temp = dir.resolve(target.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AuditJournal.fsyncDirectory(dir);
    }
}
