package org.returnflow.detention.domain;

import org.returnflow.platform.web.ApiException;
import org.springframework.http.HttpStatus;

/** 412: the record changed since the caller read the version named in {@code If-Match}. */
public class StaleVersionException extends ApiException {

    public StaleVersionException(long expected, Long current) {
        super(HttpStatus.PRECONDITION_FAILED, "The record is at version " + current + ", not " + expected
                + ": someone changed it since you read it. Read it again (GET gives the ETag) and retry", "If-Match");
    }

    /** The record changed while this change was being written; {@code expected} may be null. */
    public StaleVersionException(Long expected) {
        super(HttpStatus.PRECONDITION_FAILED, "Someone changed the record while this change was being written"
                + (expected == null ? "" : " on version " + expected) + ". Read it again and retry", "If-Match");
    }
}
