package org.returnflow.infra.auth.revocation;

import java.time.Instant;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /oauth2/revocations}: the ids ({@code jti}) of the access tokens revoked and not yet
 * expired, which the gateway and every service fetch every few seconds to refuse them. Open like the
 * JWK set: an id of a token that no longer works gives nobody anything.
 */
@RestController
class RevocationListController {

    /** The list, and the time it was read. */
    record RevocationList(Instant asOf, List<RevokedTokens.Revoked> revoked) {
    }

    private final RevokedTokens revoked;

    RevocationListController(RevokedTokens revoked) {
        this.revoked = revoked;
    }

    @GetMapping("/oauth2/revocations")
    ResponseEntity<RevocationList> revocations() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new RevocationList(Instant.now(), revoked.current()));
    }
}
