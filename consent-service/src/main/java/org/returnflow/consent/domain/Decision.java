package org.returnflow.consent.domain;

/** What the person decided, as recorded by an officer. */
public enum Decision {
    GIVEN,
    DECLINED
}
