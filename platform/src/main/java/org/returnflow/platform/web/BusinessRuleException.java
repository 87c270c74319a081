package org.returnflow.platform.web;

import org.springframework.http.HttpStatus;

/** 422: the request is well formed but a rule of the domain refuses it. */
public class BusinessRuleException extends ApiException {

    public BusinessRuleException(String detail, String field) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, detail, field);
    }
}
