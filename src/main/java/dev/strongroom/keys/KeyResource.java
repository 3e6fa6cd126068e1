package dev.strongroom.keys;

import dev.strongroom.keys.VaultKey;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/keys/receipt")
@Tag(name = "Receipts")
@Authenticated
public class KeyResource {

    private final VaultKey key;

    public KeyResource(VaultKey key) {
        this.key = key;
    }

    @GET
    @Produces("application/x-pem-file")
    @Operation(summary = "The current signing key's public key",
            description = "Ed25519, X.509 SubjectPublicKeyInfo in PEM: the key new receipts and digests are signed "
                    + "with. Older ones may name an earlier key: every key is at /.well-known/strongroom-keys.json and "
                    + "/keys/{keyId}.pem, without login. See docs/receipts.md and docs/keys.md.")
    @APIResponse(responseCode = "200", description = "PEM public key")
    @APIResponse(responseCode = "503", description = "The signing key is missing (signing-key-missing)")
    public String publicKey() {
        return key.publicKeyPem();
    }
}
