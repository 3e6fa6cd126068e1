package dev.strongroom.statements;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Statements: validation lane, processing sweep, matching, notification (README, Configuration; docs/statements.md). */
@ConfigMapping(prefix = "strongroom.statements")
public interface StatementsConfig {

    /**
     * Validate statements in the vault itself, from the local blob, right after upload. Off where the metadata
     * Lambda validates them (production): the vault then takes the Lambda's statement sidecar from the bucket.
     * Env: STRONGROOM_STATEMENTS_VALIDATE_IN_PROCESS.
     */
    @WithDefault("true")
    boolean validateInProcess();

    /**
     * How often the statement worker looks for work left: statements waiting for their sidecar, loaded ones to
     * match, reports and notifications that failed before. {@code off}: only after uploads and on demand.
     * Env: STRONGROOM_STATEMENTS_SWEEP_EVERY.
     */
    @WithDefault("30s")
    String sweepEvery();

    /**
     * The SNS topic told when a statement has been processed (deploy/strongroom.yaml's StatementsTopic; locally
     * the emulator's, see deploy/local/provision.sh). Unset: no notification. Env: STRONGROOM_STATEMENTS_TOPIC_ARN.
     */
    Optional<String> topicArn();

    Matching matching();

    /** The matcher's rules (dev.strongroom.statements.StatementMatcher). */
    interface Matching {

        /** A receipt may be dated this many days before or after the line's booking date. */
        @WithDefault("5")
        int dateWindowDays();

        /** From this score (0 to 100) an unambiguous match is settled without asking anyone. */
        @WithDefault("80")
        int highConfidence();

        /** A rival receipt or line within this many points makes a match ambiguous: it is offered, not settled. */
        @WithDefault("10")
        int margin();
    }
}
