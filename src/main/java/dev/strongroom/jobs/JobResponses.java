package dev.strongroom.jobs;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The answer to a request that started a job: 202 with the job, and where to follow it. */
public final class JobResponses {

    private JobResponses() {
    }

    /** 202 Accepted, the job's view as the body, and its URL (the request's plus its id) as Location. */
    public static Response accepted(UriInfo uri, String id, Object view) {
        return Response.accepted(view).location(uri.getAbsolutePathBuilder().path(id).build()).build();
    }
}
