package org.returnflow.contracts.detention;

/** The kind of legal proceeding that bars removal while it is active. */
public enum LegalHoldKind {
    APPEAL,
    STAY_OF_REMOVAL,
    ASYLUM_CLAIM,
    COURT_ORDER,
    WITHHOLDING_OF_REMOVAL,
    /**
     * A fear claim about the destination (protection from persecution or torture there): placed
     * when the claim is recorded, lifted only by its decision when the claim is rejected.
     */
    PROTECTION_CLAIM
}
