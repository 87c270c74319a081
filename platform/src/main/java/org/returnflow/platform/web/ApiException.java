package org.returnflow.platform.web;

import org.springframework.http.HttpStatus;

/**
 * A refusal a client can act on. The platform's advice turns it into an RFC 9457 problem
 * response with this status, and names the field when there is one.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    protected ApiException(HttpStatus status, String detail, String field) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    /** The request field the refusal is about, or null. */
    public String field() {
        return field;
    }
}
