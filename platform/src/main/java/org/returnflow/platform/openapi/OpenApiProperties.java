package org.returnflow.platform.openapi;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings under {@code returnflow.openapi}: what each service's OpenAPI document says about
 * itself, where a client gets its token, and the scopes a token can carry.
 */
@ConfigurationProperties("returnflow.openapi")
public class OpenApiProperties {

    /** The document's title; by default "Returnflow " and the application's name. */
    private String title;

    /** The document's description; by default a paragraph on tokens and problem responses. */
    private String description;

    /** The version of the API the document describes. */
    private String version = "1";

    /**
     * The authorisation server's token endpoint, for the client-credentials flow of the
     * security scheme (and Swagger UI's Authorize button); by default
     * {@code <returnflow.security.issuer>/oauth2/token}.
     */
    private String tokenUrl;

    /**
     * The server the document names. The default, {@code /}, is relative to where the document
     * was read: a client that read it from the gateway calls the gateway, one that read it from
     * the service calls the service.
     */
    private String serverUrl = "/";

    /**
     * Every scope the authorisation server issues, with what it allows. A service's document lists
     * those its {@code ApiAccessRules} require; a scope missing here leaves an operation without
     * one, which {@code ServiceStartsIT} refuses.
     */
    private Map<String, String> scopes = new LinkedHashMap<>(Map.ofEntries(
            Map.entry("detention:read", "Read custody records, eligibility and the audit trail"),
            Map.entry("detention:write", "Register, correct, transfer and release people in custody; attach records"),
            Map.entry("consent:read", "Read consent requests and decisions"),
            Map.entry("consent:decide", "Record a consent decision or its withdrawal"),
            Map.entry("flights:read", "Read flights and manifests"),
            Map.entry("flights:manage", "Schedule flights, change them and their manifests"),
            Map.entry("notifications:read", "Read notices and consulates"),
            Map.entry("consulates:manage", "Register the consulate of a country"),
            Map.entry("cases:read", "Read removal cases, their history and removal operations"),
            Map.entry("cases:write", "Open removal cases and operations, and act on them"),
            Map.entry("ops:manage", "Operate the service: parked messages, dead letters, retries and replays"),
            Map.entry("audit:verify", "Verify the hash chain of the audit trail (reads no record)")));

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
    public String getTokenUrl() { return tokenUrl; }
    public void setTokenUrl(String tokenUrl) { this.tokenUrl = tokenUrl; }
    public String getServerUrl() { return serverUrl; }
    public void setServerUrl(String serverUrl) { this.serverUrl = serverUrl; }
    public Map<String, String> getScopes() { return scopes; }
    public void setScopes(Map<String, String> scopes) { this.scopes = scopes; }
}
