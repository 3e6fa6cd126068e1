package dev.strongroom.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a system tool it needs is missing: on CI ({@code CI=true}) it fails, so a
 * broken setup cannot pass unseen; elsewhere it is skipped with the reason, announced loudly once
 * per kind of test.
 */
final class MissingTool {

    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private MissingTool() {
    }

    /** Never returns: fails or aborts the calling test. {@code kind} names the tests, such as "OCR TESTS". */
    static void skipOrFail(String kind, String reason) {
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true and " + reason);
        }
        if (ANNOUNCED.add(kind)) {
            System.err.println("\n************************************************************\n"
                    + "SKIPPING " + kind + ": " + reason + "\n"
                    + "************************************************************\n");
        }
        Assumptions.abort(reason);
    }
}
