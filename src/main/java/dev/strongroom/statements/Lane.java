package dev.strongroom.statements;

import java.util.Locale;

/** Who validated a statement: the metadata Lambda (its sidecar, through S3) or the vault itself. */
public enum Lane {
    LAMBDA, VAULT;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
