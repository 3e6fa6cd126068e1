package dev.strongroom.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import io.vertx.ext.web.RoutingContext;

/** Turns every error a resource raises into problem+json with a message a person can act on. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int MAX_VIOLATIONS = 20;

    @ServerExceptionMapper
    public Response problem(ProblemException e, RoutingContext rc) {
        return Problems.response(rc, e);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, RoutingContext rc) {
        // A hostile body can break a constraint on each of 100,000 list elements: report a bounded, sorted
        // sample and the total, not a multi-megabyte answer built in quadratic time.
        int total = e.getConstraintViolations().size();
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", field(v), "message", v.getMessage()))
                .sorted(Comparator.comparing((Map<String, String> v) -> v.get("field")).thenComparing(v -> v.get("message")))
                .distinct().limit(MAX_VIOLATIONS).toList();
        String detail = violations.stream().map(v -> v.get("field") + ": " + v.get("message"))
                .collect(Collectors.joining("; "));
        if (detail.isEmpty()) {
            detail = "invalid input";
        }
        if (total > violations.size()) {
            detail += " (" + total + " violations in all)";
        }
        return Problems.response(rc, 400, ProblemType.INVALID_INPUT, "Invalid input", detail,
                Map.of("violations", violations, "violationCount", total), null);
    }

    /**
     * A body Jackson cannot read: malformed, not UTF-8, or nested past its depth limit. Without this the
     * client gets a bare 400 that does not say what is wrong with the body.
     */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, RoutingContext rc) {
        return Problems.response(rc, 400, ProblemType.MALFORMED_JSON, "Malformed JSON",
                "The JSON body cannot be read: " + Problems.clip(e.getOriginalMessage()), null, null);
    }

    /** Quarkus maps this subtype itself, to a 400 without a body; ours says what does not fit. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, RoutingContext rc) {
        return unreadableJson(e, rc);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, RoutingContext rc) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, rc);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at " + Problems.clip(rc.request().path());
            case 405 -> "Method " + rc.request().method() + " is not allowed on " + Problems.clip(rc.request().path());
            case 406 -> "None of the accepted media types can be produced here";
            case 415 -> "Content type '" + Problems.clip(rc.request().getHeader("Content-Type"))
                    + "' is not accepted here";
            default -> e.getMessage() == null ? title : e.getMessage();
        };
        if (status >= 500) {
            LOG.errorf(e, "Request %s failed", RequestIdentity.requestId(rc));
        }
        return Problems.response(rc, status, slug(title), title, detail, null, null);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, RoutingContext rc) {
        String id = RequestIdentity.requestId(rc);
        if (CatalogOutage.isCause(e)) {
            LOG.errorf(e, "Request %s failed: the catalog database is unavailable", id);
            return Problems.response(rc, 503, ProblemType.CATALOG_UNAVAILABLE, "Catalog unavailable",
                    "The catalog database cannot be reached, so this request was not completed (an upload was not "
                            + "acknowledged). Try again shortly; quote request id " + id + " if it persists.",
                    null, Map.of("Retry-After", "30"));
        }
        LOG.errorf(e, "Request %s failed unexpectedly", id);
        return Problems.response(rc, 500, ProblemType.INTERNAL_ERROR, "Internal error",
                "The vault could not complete this request. Quote request id " + id
                        + " to the operators.",
                null, null);
    }

    private static String field(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
