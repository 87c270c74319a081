package org.returnflow.platform.web;

import org.springframework.http.HttpStatus;

/** 409: the request clashes with the current state, e.g. a hold that is already lifted. */
public class ConflictException extends ApiException {

    public ConflictException(String detail) {
        super(HttpStatus.CONFLICT, detail, null);
    }

    public ConflictException(String detail, String field) {
        super(HttpStatus.CONFLICT, detail, field);
    }
}
