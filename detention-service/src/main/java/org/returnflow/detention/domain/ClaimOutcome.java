package org.returnflow.detention.domain;

/** How a status claim or a fear claim was decided. */
public enum ClaimOutcome {
    /** The claim stands: a status claim releases the person; a fear claim keeps its hold. */
    UPHELD,
    /** The claim fails: a status claim stops blocking; a fear claim's hold is lifted. */
    REJECTED
}
