package dev.strongroom.http;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds RFC 9457 problem responses; extension members sit at the top level, as the RFC says. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://strongroom.dev/problems/";

    private Problems() {
    }

    public static Response response(RoutingContext rc, int status, ProblemType type, String title, String detail,
            Map<String, Object> extensions, Map<String, String> headers) {
        return response(rc, status, type.slug(), title, detail, extensions, headers);
    }

    /**
     * For an HTTP error the framework raised, whose slug is its status's reason phrase
     * ({@code method-not-allowed}): any status can come, so it has no {@link ProblemType}.
     */
    static Response response(RoutingContext rc, int status, String slug, String title, String detail,
            Map<String, Object> extensions, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (rc != null) {
            body.put("instance", rc.request().path());
            body.put("requestId", RequestIdentity.requestId(rc));
        }
        if (extensions != null) {
            extensions.forEach(body::putIfAbsent);
        }
        Response.ResponseBuilder builder = Response.status(status).type(MEDIA_TYPE).entity(body);
        if (headers != null) {
            headers.forEach(builder::header);
        }
        return builder.build();
    }

    public static Response response(RoutingContext rc, ProblemException e) {
        return response(rc, e.status(), e.type(), e.title(), e.getMessage(), e.extensions(), e.headers());
    }

    /** Echoes client input in a message safely: printable characters only, at most 120 of them. */
    public static String clip(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(120).forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return value.codePointCount(0, value.length()) > 120 ? out + "…" : out.toString();
    }
}
