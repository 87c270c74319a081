package org.returnflow.detention.domain;

/** What was taken into safekeeping. */
public enum PropertyKind {
    ID_DOCUMENT,
    VALUABLES,
    LUGGAGE,
    OTHER
}
