package dev.strongroom.compliance;

/**
 * The verdict of one check. NOT_CONFIGURED means the subsystem is not set up where the report ran,
 * so there is no evidence either way; the report's overall verdict is PASS only when every check is.
 */
public enum CheckStatus {
    PASS, FAIL, NOT_CONFIGURED
}
