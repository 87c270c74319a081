package org.returnflow.e2e;

/**
 * A call that did not get the answer it needed. The message names the call and carries the
 * body the server answered with, a problem+json document for the services, so the reason is
 * never lost.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String body;

    public ApiException(String method, String target, int status, String body) {
        super(method + " " + target + " answered " + status + (body == null || body.isBlank() ? "" : ": " + body));
        this.status = status;
        this.body = body;
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.body = null;
    }

    /** The HTTP status, or -1 when there was no answer. */
    public int status() {
        return status;
    }

    /** The answer's body: for the services, an RFC 9457 problem document. */
    public String body() {
        return body;
    }
}
