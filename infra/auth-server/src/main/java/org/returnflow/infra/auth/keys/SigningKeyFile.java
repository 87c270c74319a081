package org.returnflow.infra.auth.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.returnflow.infra.auth.clients.MissingSettingsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA key that signs every token, kept in a PKCS#8 PEM file so that tokens stay valid across
 * restarts (a key generated in memory at each start would invalidate them). Its key id is the
 * RFC 7638 thumbprint of the public key, so it is the same at every start too.
 */
public final class SigningKeyFile {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyFile.class);
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private SigningKeyFile() {
    }

    /**
     * Reads the key; when the file is missing, creates one if {@code generateIfMissing} (the
     * {@code local} profile), or else refuses to start.
     */
    public static RSAKey load(Path file, boolean generateIfMissing) {
        if (!Files.exists(file)) {
            if (!generateIfMissing) {
                throw new MissingSettingsException("The authorisation server has no signing key at "
                        + file.toAbsolutePath() + ". Point this environment variable at a PKCS#8 PEM RSA private key",
                        List.of("RETURNFLOW_AUTH_KEY"),
                        "Create one, e.g. `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem`, "
                                + "and set RETURNFLOW_AUTH_KEY to its path. With SPRING_PROFILES_ACTIVE=local the server "
                                + "creates one itself.");
            }
            generate(file);
        }
        return read(file);
    }

    static RSAKey read(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            if (!pem.contains(BEGIN)) {
                throw new IllegalStateException("The signing key " + file.toAbsolutePath()
                        + " is not a PKCS#8 PEM private key (it must start with " + BEGIN + ")");
            }
            byte[] der = Base64.getMimeDecoder().decode(
                    pem.substring(pem.indexOf(BEGIN) + BEGIN.length(), pem.indexOf(END)));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint()
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing key " + file.toAbsolutePath(), e);
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException("The signing key " + file.toAbsolutePath()
                    + " is not a PKCS#8 PEM RSA private key", e);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot compute the key id of " + file.toAbsolutePath(), e);
        }
    }

    /** Writes a new 2048-bit key, readable by the owner only, without ever leaving a half-written file. */
    static void generate(Path file) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String pem = BEGIN + "\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(pair.getPrivate().getEncoded())
                    + "\n" + END + "\n";
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".signing-key", ".tmp");
            try {
                restrictToOwner(temp);
                Files.writeString(temp, pem, StandardCharsets.US_ASCII);
                Files.move(temp, file); // never replaces a key another start wrote meanwhile
            } catch (FileAlreadyExistsException e) {
                log.info("Another start created {} meanwhile; using that key", file.toAbsolutePath());
                return;
            } finally {
                Files.deleteIfExists(temp);
            }
            log.info("Created a new token signing key in {}", file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a signing key to " + file.toAbsolutePath(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    private static void restrictToOwner(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the directory's permissions apply
        }
    }
}
