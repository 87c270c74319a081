package org.returnflow.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

import java.net.URI;
import java.time.Duration;

/** Settings under {@code returnflow.security}. */
@ConfigurationProperties("returnflow.security")
public class SecurityProperties {

    /** The issuer every token must name: the authorisation server's URL. */
    private String issuer = "http://localhost:9000";

    /** Where the authorisation server publishes its signing keys. */
    private String jwkSetUri = "http://localhost:9000/oauth2/jwks";

    /**
     * The audience every token must name in {@code aud}: this service. Empty means the service's
     * {@code spring.application.name}, which is what the authorisation server writes.
     */
    private String audience;

    /**
     * Where the authorisation server lists the revoked tokens ({@link RevocationList}); by default the
     * JWK set's address with {@code /revocations} for {@code /jwks}. Not polled with a fixed public key
     * unless set.
     */
    private String revocationsUri;

    /** How often the revoked tokens are fetched: a revoked token is refused within about this time. */
    private Duration revocationsPoll = Duration.ofSeconds(10);

    /** A fixed RSA public key (PEM) instead of the JWK set; used by the test kit. */
    private Resource publicKey;

    /**
     * Whether every response carries {@code Strict-Transport-Security} (one year). On outside the
     * {@code local} profile; browsers ignore it over plain HTTP, so it is safe behind any TLS proxy.
     */
    private boolean hsts = true;

    /** Largest request body accepted, in bytes. */
    private long maxRequestBytes = 256 * 1024;

    public String getIssuer() { return issuer; }
    public void setIssuer(String issuer) { this.issuer = issuer; }
    public String getJwkSetUri() { return jwkSetUri; }
    public void setJwkSetUri(String jwkSetUri) { this.jwkSetUri = jwkSetUri; }
    public String getAudience() { return audience; }
    public void setAudience(String audience) { this.audience = audience; }
    public String getRevocationsUri() { return revocationsUri; }
    public void setRevocationsUri(String revocationsUri) { this.revocationsUri = revocationsUri; }
    public Duration getRevocationsPoll() { return revocationsPoll; }
    public void setRevocationsPoll(Duration revocationsPoll) { this.revocationsPoll = revocationsPoll; }
    public Resource getPublicKey() { return publicKey; }
    public void setPublicKey(Resource publicKey) { this.publicKey = publicKey; }
    public boolean isHsts() { return hsts; }
    public void setHsts(boolean hsts) { this.hsts = hsts; }
    public long getMaxRequestBytes() { return maxRequestBytes; }
    public void setMaxRequestBytes(long maxRequestBytes) { this.maxRequestBytes = maxRequestBytes; }

    /** {@link #getRevocationsUri()}, or the one derived from the JWK set's address. */
    public URI revocations() {
        if (revocationsUri != null && !revocationsUri.isBlank()) {
            return URI.create(revocationsUri);
        }
        String jwks = jwkSetUri.replaceAll("/+$", "");
        return jwks.endsWith("/jwks") ? URI.create(jwks.substring(0, jwks.length() - "jwks".length()) + "revocations")
                : URI.create(jwks).resolve("/oauth2/revocations");
    }
}
