package dev.strongroom.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every HTTP exchange a request id (the client's {@code X-Request-Id} when it is a sane token,
 * otherwise a new UUID) and remembers it on the routing context, so that problem bodies, logs and
 * audit events written anywhere during the request carry the same id.
 */
public final class RequestIdentity {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "strongroom.requestId";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIdentity() {
    }

    static void assign(RoutingContext rc) {
        String offered = rc.request().getHeader(HEADER);
        String id = offered != null && SAFE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        rc.put(KEY, id);
        rc.response().putHeader(HEADER, id);
    }

    public static String requestId(RoutingContext rc) {
        if (rc == null) {
            return null;
        }
        String id = rc.get(KEY);
        return id;
    }

    /** The peer address; behind a load balancer this is the balancer, which is what the socket proves. */
    public static String client(RoutingContext rc) {
        if (rc == null) {
            return null;
        }
        HttpServerRequest request = rc.request();
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
