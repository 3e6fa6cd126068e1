package dev.strongroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Concurrent catalog writes share commits, each caller returns only after its write committed, and a
 * write that fails fails its own caller only.
 */
@QuarkusTest
class GroupCommitTest {

    private static final int CALLERS = 32;

    @Inject
    GroupCommit commits;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Test
    void concurrentWritesShareTransactionsAndAFailureStaysWithItsCaller() throws Exception {
        Set<Object> transactionKeys = ConcurrentHashMap.newKeySet();
        Set<Integer> committed = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                int caller = i;
                results.add(callers.submit(() -> {
                    go.await();
                    try {
                        commits.run(() -> {
                            assertTrue(QuarkusTransaction.isActive(), "a catalog write ran outside a transaction");
                            transactionKeys.add(transactions.getTransactionKey());
                            if (caller == 7) {
                                throw new IllegalStateException("write 7 is refused");
                            }
                            transactions.registerInterposedSynchronization(new Committed(() -> committed.add(caller)));
                        });
                        return "ok";
                    } catch (IllegalStateException e) {
                        return e.getMessage();
                    }
                }));
            }
            go.countDown();
            for (int i = 0; i < CALLERS; i++) {
                String outcome = results.get(i).get();
                if (i == 7) {
                    assertEquals("write 7 is refused", outcome);
                } else {
                    assertEquals("ok", outcome, "caller " + i);
                    assertTrue(committed.contains(i), "caller " + i + " returned before its write committed");
                }
            }
            assertEquals(CALLERS - 1, committed.size());
            // Writes retried one by one after the failed batch add their own transactions; the group
            // still needs fewer commits than one per write.
            assertTrue(transactionKeys.size() < 2 * CALLERS,
                    CALLERS + " writes used " + transactionKeys.size() + " transactions");
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void writesArrivingTogetherCommitTogether() throws Exception {
        Set<Object> transactionKeys = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                results.add(callers.submit(() -> {
                    go.await();
                    commits.run(() -> transactionKeys.add(transactions.getTransactionKey()));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> result : results) {
                result.get();
            }
            assertTrue(transactionKeys.size() < CALLERS,
                    CALLERS + " concurrent writes took " + transactionKeys.size() + " commits, one each");
        } finally {
            callers.shutdownNow();
        }
    }

    private record Committed(Runnable onCommit) implements jakarta.transaction.Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                onCommit.run();
            }
        }
    }
}
