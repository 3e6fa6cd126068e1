package dev.strongroom;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Whether the vault is stopping, from the first moment of a stop. Background work that fails
 * because the stop took what it was using (the catalog closed, its lane shut down, its thread
 * interrupted) is not an error: it runs again after the next start. Such work asks here, so that a
 * normal stop logs no error.
 */
@ApplicationScoped
public class Stopping {

    private static volatile boolean stopping;

    @Inject
    Scheduler scheduler;

    void started(@Observes @Priority(StartupOrder.STOP_FLAG) StartupEvent event) {
        stopping = false;
    }

    /**
     * Also pauses the scheduler, so that no periodic job fires from here on. Quarkus stops its scheduler
     * only when the bean container is destroyed, the last step of a stop: until then its tick keeps handing
     * jobs to worker threads, and a job handed over in the last moments runs after the container is gone
     * and fails with an ERROR "[Error Occurred After Shutdown]" (so did a skip predicate's SkippedExecution
     * event). A paused scheduler hands over nothing; the next start makes a new one, running.
     */
    void stopping(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
        scheduler.pause();
    }

    /** True from the start of a stop until the next start. */
    public static boolean now() {
        return stopping;
    }

    /**
     * For {@code @Scheduled(skipExecutionIf = Stopping.Skip.class)}: a periodic job does not start once
     * the vault is stopping, when the catalog may already be closed under it. Unlike Quarkus's
     * ApplicationNotRunning it does not skip runs before the start has finished: a check delayed by
     * strongroom.startup.background-delay fires while a slow start is still going, and skipping it
     * would leave, say, the bucket posture unchecked for an hour.
     */
    @Singleton
    public static class Skip implements Scheduled.SkipPredicate {
        @Override
        public boolean test(ScheduledExecution execution) {
            return stopping;
        }
    }
}
