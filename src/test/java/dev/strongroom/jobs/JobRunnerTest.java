package dev.strongroom.jobs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobRunnerTest {

    private static final JobKind EARLY = new JobKind("test-early", "Test run", "running", ProblemType.BACKUP_RUNNING, "runId",
            JobKind.OnStop.INTERRUPT, JobKind.Recovery.EARLY);
    private static final JobKind LATE = new JobKind("test-late", "Late run", "being made", ProblemType.REPORT_RUNNING, "lateId",
            JobKind.OnStop.LET_FINISH, JobKind.Recovery.LATE);
    private static final JobKind ONCE = new JobKind("test-once", "Once run", "running", ProblemType.REPORT_RUNNING, "onceId",
            JobKind.OnStop.INTERRUPT, JobKind.Recovery.NONE, JobKind.Scope.VAULT);

    private final MemoryStore early = new MemoryStore(EARLY);
    private final MemoryStore late = new MemoryStore(LATE);
    private final MemoryLease lease = new MemoryLease("host-a");
    private final JobRunner runner = new JobRunner(List.of(early, late), lease);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        runner.stop();
    }

    @Test
    void refusesASecondStartOfAKindThatIsRunningWithAConflictNamingTheRun() {
        runner.launch(EARLY, new JobProgress("run-1", Instant.now(), "queued"), p -> awaitRelease());

        ProblemException e = assertThrows(ProblemException.class, () -> runner.refuseStart(EARLY));
        assertEquals(409, e.status());
        assertEquals("backup-running", e.slug());
        assertEquals("Test run run-1 is still running", e.getMessage());
        assertEquals("run-1", e.extensions().get("runId"));
        runner.refuseStart(LATE);

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.running(EARLY).isEmpty());
        runner.refuseStart(EARLY);
    }

    @Test
    void refusesStartsOnceTheVaultIsStopping() {
        runner.refuseStartsFromNowOn(new ShutdownEvent());

        ProblemException e = assertThrows(ProblemException.class, () -> runner.refuseStart(LATE));
        assertEquals(503, e.status());
        assertEquals("shutting-down", e.slug());
    }

    @Test
    void aRunThatGetsNoThreadBecauseOfTheStopIsRecordedAsNotStartedAndRefused() {
        late.runs.put("run-2", JobState.RUNNING.stored());
        runner.drain(LATE, Duration.ofSeconds(1));

        ProblemException e = assertThrows(ProblemException.class, () -> runner.launch(LATE,
                new JobProgress("run-2", Instant.now(), "queued"), p -> {
                }));
        assertEquals(503, e.status());
        assertEquals("not started", late.runs.get("run-2"));
        assertTrue(runner.running(LATE).isEmpty());
    }

    @Test
    void marksRunsACrashLeftRunningAsInterruptedAtStartInTheirKindsTurn() {
        early.runs.put("crashed", JobState.RUNNING.stored());
        late.runs.put("crashed-too", JobState.RUNNING.stored());
        late.runs.put("done", JobState.SUCCEEDED.stored());

        runner.markInterruptedEarly(new StartupEvent());
        assertEquals("failed", early.runs.get("crashed"));
        assertEquals(1, early.leftoversCleared);
        assertEquals("running", late.runs.get("crashed-too"), "a late kind waits for its turn");

        runner.markInterruptedLate(new StartupEvent());
        assertEquals("failed", late.runs.get("crashed-too"));
        assertEquals("succeeded", late.runs.get("done"));
        assertEquals(1, late.leftoversCleared);
    }

    @Test
    void showsTheProgressOfTheRunInProgressWhileItRuns() {
        runner.launch(EARLY, new JobProgress("run-3", Instant.now(), "queued"), p -> {
            p.at("uploading", 40);
            awaitRelease();
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> runner.live(EARLY, "run-3", JobProgress.class)
                .map(JobProgress::phase).filter("uploading"::equals).isPresent());
        assertEquals(40, runner.live(EARLY, "run-3", JobProgress.class).orElseThrow().percent());
        assertTrue(runner.live(EARLY, "another", JobProgress.class).isEmpty());

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.live(EARLY, "run-3", JobProgress.class).isEmpty());
    }

    @Test
    void aKindThatRunsOncePerVaultIsRefusedWhileAnotherHostHoldsItsLeaseNamingThatHost() {
        lease.heldBy = "host-b";

        ProblemException e = assertThrows(ProblemException.class, () -> runner.refuseStart(ONCE));
        assertEquals(409, e.status());
        assertEquals("held-by-another-host", e.slug());
        assertEquals("host-b", e.extensions().get("holderHostId"));
        runner.refuseStart(LATE);
    }

    @Test
    void holdsTheLeaseOfAKindThatRunsOncePerVaultRenewingItWhileTheRunGoesOnAndReleasingItAtTheEnd() {
        runner.refuseStart(ONCE);
        assertEquals("host-a", lease.heldBy);
        runner.launch(ONCE, new JobProgress("once-1", Instant.now(), "queued"), p -> awaitRelease());

        await().atMost(Duration.ofSeconds(10)).until(() -> lease.renewals.get() >= 2);
        assertEquals("host-a", lease.heldBy);

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> lease.heldBy == null);
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One lease in memory, held by whichever host {@link #heldBy} names; short, so that renewals come quickly. */
    private static final class MemoryLease implements JobLease {
        final String host;
        final AtomicInteger renewals = new AtomicInteger();
        volatile String heldBy;

        MemoryLease(String host) {
            this.host = host;
        }

        @Override
        public String hostId() {
            return host;
        }

        @Override
        public Duration duration() {
            return Duration.ofMillis(150);
        }

        @Override
        public synchronized Holder take(String name) {
            if (heldBy == null) {
                heldBy = host;
            }
            return new Holder(heldBy, Instant.now().plus(duration()));
        }

        @Override
        public synchronized boolean renew(String name) {
            renewals.incrementAndGet();
            return host.equals(heldBy);
        }

        @Override
        public synchronized void release(String name) {
            if (host.equals(heldBy)) {
                heldBy = null;
            }
        }
    }

    /** A kind's runs in memory: id to stored state, as a capability's table would hold them. */
    private static final class MemoryStore implements JobStore {
        final JobKind kind;
        final Map<String, String> runs = new ConcurrentHashMap<>();
        volatile int leftoversCleared;

        MemoryStore(JobKind kind) {
            this.kind = kind;
        }

        @Override
        public JobKind kind() {
            return kind;
        }

        @Override
        public int markInterrupted(String hostId, Instant at) {
            int[] n = { 0 };
            runs.replaceAll((id, state) -> {
                if (!JobState.RUNNING.stored().equals(state)) {
                    return state;
                }
                n[0]++;
                return JobState.INTERRUPTED.stored();
            });
            return n[0];
        }

        @Override
        public void markNotStarted(String id, Instant at) {
            runs.put(id, "not started");
        }

        @Override
        public void clearLeftovers(int interrupted) {
            leftoversCleared++;
        }
    }
}
