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
 * The disk's durable-write rate, the reference the vault's uploads are held to: write a file, fsync
 * it, rename it into place, fsync the directory. This is the least any durable store must do per
 * file. Run by one writer it is the serial floor; run by as many writers as the vault has clients it
 * is the ceiling any durable server on this disk can reach, throughput and latency alike.
 */
final class DurableWriteLoop {

    private DurableWriteLoop() {
    }

    static LoadGenerator.Result run(Path dir, int size, Duration warmUp, Duration duration) throws IOException {
        return run(dir, size, warmUp, duration, 1);
    }

    static LoadGenerator.Result run(Path dir, int size, Duration warmUp, Duration duration, int writers)
            throws IOException {
        Files.createDirectories(dir);
        byte[] template = Receipts.template(size);
        // The loop runs in this process, so this process's CPU is the server's.
        return LoadGenerator.run(writers, warmUp, duration, 201, ProcessCpu.self(), (client, i) -> {
            String name = "f-" + client + "-" + i;
            byte[] bytes = Receipts.stamp(template, "disk-" + name);
            Path temp = dir.resolve(name + ".part");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
            return 201;
        });
    }
}
