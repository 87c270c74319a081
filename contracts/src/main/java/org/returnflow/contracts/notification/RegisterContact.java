package org.returnflow.contracts.notification;

import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.DetaineeMessage;

/**
 * Registers, replaces or removes the e-mail contact of a detainee or of their counsel in the
 * notification-service's own address book. Sent by detention when a detainee is registered or counsel
 * changes, on the non-public {@code notification.commands} topic only, keyed by detaineeId, so that no
 * e-mail address travels on a public events topic or sits in a process variable.
 *
 * @param recipientType DETAINEE or COUNSEL; a consulate is not a contact of a person
 * @param address       e-mail address of the contact; null removes the contact
 * @param locale        BCP 47 tag of the language to write to this contact in, for example {@code fa}
 */
public record RegisterContact(
        UUID detaineeId,
        RecipientType recipientType,
        String address,
        String locale) implements DetaineeMessage {

    public RegisterContact {
        Objects.requireNonNull(detaineeId, "detaineeId");
        Objects.requireNonNull(recipientType, "recipientType");
        Objects.requireNonNull(locale, "locale");
        if (recipientType == RecipientType.CONSULATE) {
            throw new IllegalArgumentException("recipientType must be DETAINEE or COUNSEL, not CONSULATE");
        }
    }
}
