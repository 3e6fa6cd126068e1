package dev.strongroom.keys;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The key history for anyone, without login: a depositor, an examiner or a script checks receipts
 * and digests with it. Not audited: the keys are public, and reading them tells nothing about the
 * vault's contents.
 */
@Path("/")
@Tag(name = "Keys")
@PermitAll
public class PublishedKeysResource {

    private final KeyCustody custody;

    public PublishedKeysResource(KeyCustody custody) {
        this.custody = custody;
    }

    @GET
    @Path(".well-known/strongroom-keys.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every key the vault ever signed with, and when",
            description = "format strongroom-keys/1: keys oldest first, each with keyId (SHA-256 of the public key's "
                    + "DER), algorithm, validFrom, validUntil (null for the current key) and publicKeyPem. A receipt or "
                    + "digest names its key; it must have been signed no later than that key's validUntil. The same "
                    + "document is kept in the backup bucket as keys/strongroom-keys.json. No login needed.")
    @APIResponse(responseCode = "200", description = "The key history")
    public KeyHistory history() {
        return custody.history();
    }

    @GET
    @Path("keys/{keyId}.pem")
    @Produces("application/x-pem-file")
    @Operation(summary = "One key of the history as PEM, for openssl",
            description = "X.509 SubjectPublicKeyInfo. Its SHA-256 (of the DER inside) is the key id. No login needed.")
    @APIResponse(responseCode = "200", description = "The public key")
    @APIResponse(responseCode = "400", description = "Not a key id (64 lowercase hex digits)")
    @APIResponse(responseCode = "404", description = "No such key in the history")
    public String pem(@PathParam("keyId") String keyId) {
        if (!KeyId.wellFormed(keyId)) {
            throw ProblemException.badRequest(ProblemType.INVALID_KEY_ID, "A key id is 64 lowercase hex digits (the SHA-256 of "
                    + "the public key's DER); got '" + keyId + "'");
        }
        return custody.history().find(keyId).map(PublishedKey::publicKeyPem)
                .orElseThrow(() -> ProblemException.notFound("No key " + keyId + " in the vault's key history"));
    }
}
