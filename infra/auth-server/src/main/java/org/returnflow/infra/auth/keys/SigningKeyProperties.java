package org.returnflow.infra.auth.keys;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code returnflow.auth.signing-key}.
 *
 * @param path              the PKCS#8 PEM file with the RSA private key
 * @param generateIfMissing create the key when the file is missing (the {@code local} profile only)
 */
@ConfigurationProperties("returnflow.auth.signing-key")
public record SigningKeyProperties(@DefaultValue(".returnflow/auth/signing-key.pem") Path path,
        boolean generateIfMissing) {
}
