package org.returnflow.contracts.detention;

import java.util.Objects;

/**
 * One reason a person is not eligible for removal.
 *
 * @param code   the reason
 * @param detail a readable sentence made of codes and dates only, never names
 */
public record Blocker(BlockerCode code, String detail) {

    public Blocker {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }
}
