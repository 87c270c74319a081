package org.returnflow.workflow.domain;

import org.returnflow.contracts.consent.ConsentGiven;

import java.util.regex.Pattern;

/**
 * S3: consent makes a case voluntary only when it names the officer who recorded it and the
 * language it was given in, with the SHA-256 hash of its evidence (the interpreter, or none, is
 * named by the consent service's own rule). Anything less is recorded in the history as
 * {@code CONSENT_REFUSED_WITHOUT_EVIDENCE} and changes nothing.
 */
public final class ConsentEvidence {

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-fA-F]{64}");

    private ConsentEvidence() {
    }

    /** Whether this ConsentGiven may make the case voluntary. */
    public static boolean sufficient(ConsentGiven consent) {
        return notBlank(consent.officer()) && notBlank(consent.language())
                && consent.evidenceSha256() != null && SHA_256.matcher(consent.evidenceSha256()).matches();
    }

    /** The evidence, as codes and ids for the case history. */
    public static String describe(ConsentGiven m) {
        return "consent " + m.consentId() + " recorded by officer " + m.officer() + " in " + m.language()
                + ", interpreter " + (m.interpreter() == null ? "none" : m.interpreter())
                + ", evidence sha256 " + m.evidenceSha256();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
