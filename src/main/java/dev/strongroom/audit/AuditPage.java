package dev.strongroom.audit;

import java.util.List;

/**
 * One page of the vault's audit trail, every host's events, newest first: by event time, then host, then
 * sequence number, an order no two events share, so pages neither repeat nor skip an event.
 */
public record AuditPage(List<TrailEvent> items, int page, int size, long total) {
}
