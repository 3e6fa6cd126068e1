package dev.strongroom;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion per key (a document, a user, a blob's SHA-256) within this process, without
 * keeping a lock for every key ever used: a key's lock exists while someone holds or waits for it.
 * Reentrant, so code holding a key may take it again.
 */
public final class KeyedLocks {

    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

    /** Blocks until {@code key} is free; closing the result releases it. */
    public Held lock(String key) {
        Entry entry = locks.compute(key, (k, existing) -> {
            Entry e = existing == null ? new Entry() : existing;
            e.users++;
            return e;
        });
        entry.lock.lock();
        return () -> {
            entry.lock.unlock();
            locks.computeIfPresent(key, (k, e) -> --e.users == 0 ? null : e);
        };
    }

    /** A held key; {@link #close()} releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** {@code users} counts holders and waiters; it only changes inside {@code compute}, which is atomic per key. */
    private static final class Entry {
        private final ReentrantLock lock = new ReentrantLock();
        private int users;
    }
}
