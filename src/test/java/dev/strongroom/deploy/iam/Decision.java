package dev.strongroom.deploy.iam;

/** The outcome of an evaluation, and why, naming the statements that decided it. */
public record Decision(Outcome outcome, String reason) {

    public enum Outcome { ALLOWED, IMPLICITLY_DENIED, EXPLICITLY_DENIED }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }

    @Override
    public String toString() {
        return outcome + ": " + reason;
    }
}
