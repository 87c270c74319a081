package org.returnflow.workflow.domain;

/** Why a person may not be removed, as the latest eligibility assessment said: a code and a sentence of codes and dates. */
public record CaseBlocker(String code, String detail) {
}
