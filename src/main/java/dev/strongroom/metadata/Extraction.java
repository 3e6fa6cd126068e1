package dev.strongroom.metadata;

/**
 * What one extraction produced: the sidecar, and a PNG preview when one could be made (else null).
 * The preview is raw bytes, so two extractions are compared by their sidecars.
 */
public record Extraction(Sidecar sidecar, byte[] preview) {

    public boolean hasPreview() {
        return preview != null;
    }
}
