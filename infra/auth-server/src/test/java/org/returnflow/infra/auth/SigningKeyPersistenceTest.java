package org.returnflow.infra.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing key lives in a file, so a token from one start is still valid after a restart. */
class SigningKeyPersistenceTest {

    @TempDir
    Path dir;

    @Test
    void twoStartsWithTheSameKeyFileValidateEachOthersTokens() throws Exception {
        Path key = dir.resolve("auth/signing-key.pem");
        String first;
        try (RunningAuthServer server = RunningAuthServer.local(key)) {
            assertThat(key).exists();
            first = server.accessToken("consent-officers");
        }
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        String keyBefore = Files.readString(key);

        try (RunningAuthServer server = RunningAuthServer.local(key)) {
            assertThat(server.verify(first).getSubject()).isEqualTo("consent-officers");
            String second = server.accessToken("consent-officers");
            assertThat(SignedJWT.parse(second).getHeader().getKeyID())
                    .isEqualTo(SignedJWT.parse(first).getHeader().getKeyID());
        }
        assertThat(Files.readString(key)).isEqualTo(keyBefore);
    }
}
