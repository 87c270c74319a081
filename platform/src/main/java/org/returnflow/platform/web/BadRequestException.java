package org.returnflow.platform.web;

import org.springframework.http.HttpStatus;

/** 400 for a rule about the request itself that Bean Validation cannot express, naming the field. */
public class BadRequestException extends ApiException {

    public BadRequestException(String detail, String field) {
        super(HttpStatus.BAD_REQUEST, detail, field);
    }
}
