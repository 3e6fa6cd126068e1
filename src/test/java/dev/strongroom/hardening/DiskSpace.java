package dev.strongroom.hardening;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small file system of its own for a vault's data directory (tmpfs, which needs root or
 * CAP_SYS_ADMIN), so a test can fill it without touching the machine's disks.
 */
public final class DiskSpace {

    private DiskSpace() {
    }

    /** Mounts a tmpfs of {@code mib} MiB on {@code dir}; false when this machine does not let us. */
    public static boolean mountTmpfs(Path dir, int mib) {
        return run(List.of("mount", "-t", "tmpfs", "-o", "size=" + mib + "m,mode=0700", "tmpfs", dir.toString()))
                .isEmpty();
    }

    /** Grows (or shrinks) a tmpfs mounted with {@link #mountTmpfs}, as an operator grows a full volume. */
    public static void resize(Path dir, int mib) {
        String failure = run(List.of("mount", "-o", "remount,size=" + mib + "m", dir.toString()));
        if (!failure.isEmpty()) {
            throw new AssertionError("cannot resize the tmpfs on " + dir + ": " + failure);
        }
    }

    public static void unmount(Path dir) {
        String failure = run(List.of("umount", dir.toString()));
        if (!failure.isEmpty()) {
            run(List.of("umount", "-l", dir.toString()));
        }
    }

    /**
     * Without a mount there is no honest way to fill "the disk" here: skipped on a developer machine
     * (with the reason printed), failed on CI, where .ci/run runs as root and mounting must work.
     */
    public static void requireMounted(boolean mounted, Path dir) {
        if (mounted) {
            return;
        }
        String reason = "cannot mount a tmpfs on " + dir + " (needs root or CAP_SYS_ADMIN); disk-full case not run";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(reason);
        }
        Assumptions.abort(reason);
    }

    /** Writes zeros to {@code file} until it holds {@code bytes} or the file system is full. */
    public static void fill(Path file, long bytes) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (written < bytes) {
                int n = (int) Math.min(chunk.length, bytes - written);
                out.write(chunk, 0, n);
                written += n;
            }
        } catch (IOException e) {
            if (written == 0) {
                throw e;
            }
        }
    }

    /** Runs a command; returns its output when it failed, "" when it succeeded. */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out: " + command;
            }
            return process.exitValue() == 0 ? "" : command + " exited " + process.exitValue() + ": " + out;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
