package dev.strongroom.audit;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the journal's calls on its segment's file channel on threads that nothing interrupts. A file channel closes
 * itself when the thread using it is interrupted ({@code ClosedByInterruptException}), and a segment's channel is
 * shared by every appender: one interrupted caller (an executor's {@code shutdownNow} at a stop, with one of its
 * threads in the group commit's fsync) would close it for all and turn the journal read-only. The caller waits for
 * its call to finish even when interrupted meanwhile, and keeps its interrupt for whatever it does next.
 */
final class UninterruptibleIo {

    /** A call on a channel. */
    interface ChannelCall<T> {
        T run() throws IOException;
    }

    /** At most one write and one fsync are in flight per journal (each under its own lock), so this stays small. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "audit-journal-io");
        thread.setDaemon(true);
        return thread;
    });

    private UninterruptibleIo() {
    }

    static <T> T call(ChannelCall<T> call) throws IOException {
        Future<T> result = THREADS.submit(call::run);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void run(ChannelCall<Void> call) throws IOException {
        call(call);
    }

    private static IOException rethrown(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(cause);
    }
}
