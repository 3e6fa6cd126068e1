package dev.strongroom.metadata.extract;

/**
 * What one extraction produced: the sidecar, a PNG preview when one could be made (else null), and the
 * whole text read (else null), which the search index takes. The preview and the text are kept out of
 * the sidecar, so two extractions are compared by their sidecars.
 */
public record Extraction(Sidecar sidecar, byte[] preview, String text) {

    public Extraction(Sidecar sidecar, byte[] preview) {
        this(sidecar, preview, null);
    }

    public boolean hasPreview() {
        return preview != null;
    }
}
