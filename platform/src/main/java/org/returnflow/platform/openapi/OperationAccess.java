package org.returnflow.platform.openapi;

import java.util.List;

/**
 * Who may call one operation, as the service's security filter chains decide it.
 *
 * @param open   anyone, without a token
 * @param scopes with a token: the scopes of which any one is enough; empty when any valid token
 *               will do (or, with {@code refused}, when none will)
 * @param refused no scope of the catalogue opens the operation
 */
record OperationAccess(boolean open, List<String> scopes, boolean refused) {

    static OperationAccess anonymous() {
        return new OperationAccess(true, List.of(), false);
    }

    static OperationAccess anyToken() {
        return new OperationAccess(false, List.of(), false);
    }

    static OperationAccess anyScopeOf(List<String> scopes) {
        return new OperationAccess(false, List.copyOf(scopes), false);
    }

    static OperationAccess nobody() {
        return new OperationAccess(false, List.of(), true);
    }

    boolean needsToken() {
        return !open;
    }

    boolean needsScope() {
        return !scopes.isEmpty() || refused;
    }
}
