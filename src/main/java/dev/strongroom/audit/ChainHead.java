package dev.strongroom.audit;

/** The newest event of the chain: what an export or digest commits to. */
public record ChainHead(long seq, String hash) {
}
