package dev.strongroom.security;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Problems;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every path parameter of every route ({@code {id}}, {@code {requestId}}, {@code {username}}, ...) is
 * checked before the resource sees it: at most {@value #MAX} characters of letters, digits, dot,
 * underscore, colon and hyphen, which every id, run id and user name the vault hands out is. Anything
 * else (a pasted SHA-256 is fine; 1,000 characters or a control character is not) is a 400 problem
 * naming the parameter, recorded as a {@code request.rejected} event whose detail keeps the value's
 * length, SHA-256 and first {@value #KEPT} characters. So a value too long for any index column never
 * reaches the ledger whole, and the attempt is still on the record. A well-formed value that names
 * nothing gets the resource's own 404.
 */
public class PathParameterGuard {

    static final int MAX = 64;
    private static final int KEPT = 64;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX - 1) + "}");

    private final Auditor auditor;

    public PathParameterGuard(Auditor auditor) {
        this.auditor = auditor;
    }

    /** A path parameter no route accepts. */
    public static final class InvalidPathParameter extends ProblemException {
        private final String parameter;
        private final String value;

        InvalidPathParameter(String parameter, String value) {
            super(400, ProblemType.INVALID_PATH_PARAMETER, "Invalid path parameter", "The path parameter '" + parameter
                    + "' must be 1 to " + MAX + " characters of letters, digits, '.', '_', ':' or '-' (an id the "
                    + "vault gave out, or a user name); got " + value.length() + " characters"
                    + (value.length() <= KEPT ? ": '" + Problems.clip(value) + "'" : ""),
                    Map.of("parameter", parameter, "length", value.length()), Map.of());
            this.parameter = parameter;
            this.value = value;
        }
    }

    @ServerRequestFilter
    public void check(UriInfo uri) {
        for (Map.Entry<String, List<String>> parameter : uri.getPathParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                if (!WELL_FORMED.matcher(value).matches()) {
                    throw new InvalidPathParameter(parameter.getKey(), value);
                }
            }
        }
    }

    @ServerExceptionMapper
    public Uni<Response> refused(InvalidPathParameter e, RoutingContext rc) {
        return Uni.createFrom().item(() -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("method", rc.request().method().name());
            detail.put("parameter", e.parameter);
            detail.put("length", e.value.length());
            detail.put("sha256", sha256(e.value));
            detail.put("starting", Problems.clip(e.value.substring(0, Math.min(KEPT, e.value.length()))));
            auditor.record(rc, SecurityAction.REQUEST_REJECTED, "path" + Problems.clip(rc.normalizedPath()), Outcome.REJECTED,
                    detail);
            return Problems.response(rc, e);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
