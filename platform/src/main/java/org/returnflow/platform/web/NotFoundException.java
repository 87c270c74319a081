package org.returnflow.platform.web;

import org.springframework.http.HttpStatus;

/** 404: the resource does not exist, or lies outside the caller's reach. */
public class NotFoundException extends ApiException {

    public NotFoundException(String resource, Object id) {
        super(HttpStatus.NOT_FOUND, resource + " " + id + " was not found", null);
    }
}
