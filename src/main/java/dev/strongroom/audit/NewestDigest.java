package dev.strongroom.audit;

import java.util.Optional;

/**
 * The newest signed audit digest, for an export's manifest to name. Implemented where digests are
 * written ({@code audit.digest}), which depends on this package and not the other way round.
 */
public interface NewestDigest {

    /** The newest digest this vault recorded on its volume; empty before the first one. */
    Optional<ExportHeader.DigestReference> newest();
}
