package org.returnflow.platform.web;

import org.springframework.http.HttpStatus;

/** 403 decided by the service itself, e.g. a partner asking for the audit trail. */
public class ForbiddenException extends ApiException {

    public ForbiddenException(String detail, String field) {
        super(HttpStatus.FORBIDDEN, detail, field);
    }
}
