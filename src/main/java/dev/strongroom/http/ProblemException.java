package dev.strongroom.http;

import java.util.Map;

/**
 * A refusal the client must see as a specific status and message. Services throw it; the mapper
 * turns it into problem+json. Its {@link ProblemType} becomes the problem type URI, so clients can branch on it.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final ProblemType type;
    private final String title;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    public ProblemException(int status, ProblemType type, String title, String detail) {
        this(status, type, title, detail, Map.of(), Map.of());
    }

    public ProblemException(int status, ProblemType type, String title, String detail, Map<String, Object> extensions,
            Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extensions = extensions;
        this.headers = headers;
    }

    public static ProblemException badRequest(ProblemType type, String detail) {
        return new ProblemException(400, type, "Bad request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, ProblemType.NOT_FOUND, "Not found", detail);
    }

    public static ProblemException conflict(ProblemType type, String detail, Map<String, Object> extensions) {
        return new ProblemException(409, type, "Conflict", detail, extensions, Map.of());
    }

    public int status() {
        return status;
    }

    public ProblemType type() {
        return type;
    }

    /** The type's slug, as audit details and metrics name a refusal. */
    public String slug() {
        return type.slug();
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
