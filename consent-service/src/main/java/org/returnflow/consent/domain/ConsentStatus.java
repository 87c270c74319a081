package org.returnflow.consent.domain;

/**
 * Where a consent request stands. It moves only forward: PENDING to GIVEN, DECLINED or EXPIRED,
 * and GIVEN to WITHDRAWN.
 */
public enum ConsentStatus {
    /** Awaiting a decision until dueBy. */
    PENDING,
    /** The person consented; the decision row holds officer, language, interpreter and evidence. */
    GIVEN,
    /** The person declined. */
    DECLINED,
    /** Consent given earlier was withdrawn before boarding. */
    WITHDRAWN,
    /** dueBy passed without a decision. */
    EXPIRED
}
