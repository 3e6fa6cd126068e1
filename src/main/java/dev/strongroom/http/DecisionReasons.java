package dev.strongroom.http;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Bodies of the second admin's rejection and the requester's withdrawal of a two-person request. */
public final class DecisionReasons {

    private DecisionReasons() {
    }

    /** Why the request is turned down: required. */
    public record Rejection(@NotNull(message = "is required") @Size(min = 3, max = 2000,
            message = "must be 3 to 2000 characters") String reason) {
    }

    /** Why the request is taken back: optional, as is the whole body. */
    public record Withdrawal(@Size(max = 2000, message = "must be at most 2000 characters") String reason) {
    }
}
