package dev.strongroom.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of one posture check of the primary bucket.
 *
 * @param checks each setting checked and whether it is as production needs it
 * @param findings one sentence per setting that is not, or per check that could not be made
 */
public record BucketPosture(String bucket, boolean compliant, Instant checkedAt, Map<String, Boolean> checks,
        List<String> findings) {
}
