package org.returnflow.detention.api;

import org.returnflow.platform.web.ApiException;
import org.springframework.http.HttpStatus;

/** 403 decided by the service itself, e.g. a partner asking for the audit trail. */
class ForbiddenException extends ApiException {

    ForbiddenException(String detail, String field) {
        super(HttpStatus.FORBIDDEN, detail, field);
    }
}
