package dev.strongroom.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Counts of audited actions over a time range, from the audit index, for summaries such as the
 * compliance report's access summary and its failed sign-ins and refusals.
 */
@ApplicationScoped
public class ActivityCounts {

    /** How often one actor did one action with one outcome, and when last. */
    public record Tally(String actor, String action, String outcome, long count, Instant last) {
    }

    /** Every (actor, action, outcome) with at least one event whose time is in [from, to). */
    public List<Tally> between(Instant from, Instant to) {
        return QuarkusTransaction.requiringNew().call(() -> IndexedEvent.getEntityManager()
                .createQuery("select e.actor, e.action, e.outcome, count(e), max(e.eventTime) from IndexedEvent e "
                        + "where e.eventTime >= :from and e.eventTime < :to "
                        + "group by e.actor, e.action, e.outcome order by e.actor, e.action, e.outcome", Object[].class)
                .setParameter("from", from).setParameter("to", to).getResultList().stream()
                .map(r -> new Tally((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue(),
                        (Instant) r[4]))
                .toList());
    }
}
