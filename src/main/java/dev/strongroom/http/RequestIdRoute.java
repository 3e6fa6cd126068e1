package dev.strongroom.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Installs the request id before anything else runs, including authentication. */
@ApplicationScoped
public class RequestIdRoute {

    void install(@Observes Filters filters) {
        filters.register(rc -> {
            RequestIdentity.assign(rc);
            rc.next();
        }, 10_000);
    }
}
