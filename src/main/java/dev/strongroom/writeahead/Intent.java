package dev.strongroom.writeahead;

import java.util.Map;

/**
 * What a change will do, as it is journaled before it takes effect.
 *
 * @param subject the audit resource it changes ({@code document/<id>}, {@code user/<name>}); changes
 *        to one subject run one at a time
 * @param facts everything needed to finish the change after a crash and to make it again from the
 *        journal alone; never a secret (the journal is exported to auditors and shipped to CloudWatch)
 */
public record Intent(ChangeKind kind, String subject, Map<String, ?> facts) {
}
