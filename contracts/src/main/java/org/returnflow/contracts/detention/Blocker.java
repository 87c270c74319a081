package org.returnflow.contracts.detention;

import java.util.Objects;
import java.util.UUID;

/**
 * One reason a person is not eligible for removal, as it travels on the public topic: a code and the
 * id of the record behind it, never a sentence (a sentence about a legal hold would say its kind).
 * The detention API explains a blocker to an agency that may read the record.
 *
 * @param code     the reason
 * @param recordId the legal hold or residence permit that causes it; null for blockers about the
 *                 absence of a record (no final order, no travel document, ...)
 */
public record Blocker(BlockerCode code, UUID recordId) {

    public Blocker {
        Objects.requireNonNull(code, "code");
    }

    /** A blocker that no single record causes. */
    public static Blocker of(BlockerCode code) {
        return new Blocker(code, null);
    }
}
