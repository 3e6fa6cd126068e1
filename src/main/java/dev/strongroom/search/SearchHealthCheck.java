package dev.strongroom.search;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The search index under /q/health/well (and so on the operations page): whether it is being built from
 * the catalog and how far (documents indexed, documents still to do). Always UP: while it is built,
 * searches are answered by the catalog's SQL, so nothing is out of service.
 */
@Wellness
@ApplicationScoped
public class SearchHealthCheck implements HealthCheck {

    private final SearchIndexer indexer;

    public SearchHealthCheck(SearchIndexer indexer) {
        this.indexer = indexer;
    }

    @Override
    public HealthCheckResponse call() {
        SearchIndexer.Status status = indexer.status();
        return HealthCheckResponse.named("search").up().withData("enabled", status.enabled())
                .withData("state", !status.enabled() ? "off" : status.building() ? "building" : "ready")
                .withData("indexedThisBuild", status.indexed()).withData("waiting", status.dirty()).build();
    }
}
