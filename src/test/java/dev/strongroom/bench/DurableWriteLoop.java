package dev.strongroom.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The disk's serial durable-write rate, the reference the vault's uploads are held to: write a
 * file, fsync it, rename it into place, fsync the directory, one file after another. This is the
 * least any durable store must do per file; concurrency and group commit are how a server can
 * beat it.
 */
final class DurableWriteLoop {

    private DurableWriteLoop() {
    }

    static LoadGenerator.Result run(Path dir, int size, Duration warmUp, Duration duration) throws IOException {
        Files.createDirectories(dir);
        byte[] template = Receipts.template(size);
        return LoadGenerator.run(1, warmUp, duration, 201, (client, i) -> {
            byte[] bytes = Receipts.stamp(template, "disk-" + i);
            Path temp = dir.resolve("f-" + i + ".part");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, dir.resolve("f-" + i), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
            return 201;
        });
    }
}
