package org.returnflow.detention.domain;

import org.returnflow.contracts.detention.BlockerCode;

import java.util.Objects;
import java.util.UUID;

/**
 * One reason a person is not eligible, as detention explains it to an agency: the code, a sentence
 * (which may name the kind of a legal hold) and the record behind it. Only {@link #published()}
 * leaves the service on the public topic: the code and the record id, never the sentence.
 *
 * @param code     the reason
 * @param detail   a readable sentence of codes, ids and dates, never names; for the agencies' API only
 * @param recordId the legal hold or residence permit that causes it; null when no single record does
 */
public record Blocker(BlockerCode code, String detail, UUID recordId) {

    public Blocker {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    public Blocker(BlockerCode code, String detail) {
        this(code, detail, null);
    }

    /** The blocker as {@code EligibilityAssessed} carries it to the workflow and to partners. */
    public org.returnflow.contracts.detention.Blocker published() {
        return new org.returnflow.contracts.detention.Blocker(code, recordId);
    }
}
