package org.returnflow.notification.domain;

import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.RegisterContact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;


/** The person's and counsel's contacts, as detention registers them. Addresses are never logged. */
@Service
public class AddressBook {

    private static final Logger log = LoggerFactory.getLogger(AddressBook.class);

    private final ContactRepository contacts;
    private final Clock clock;

    public AddressBook(ContactRepository contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    /** Registers or replaces the contact; a command without an address removes it. */
    @Transactional
    public void register(RegisterContact command) {
        Contact.Key key = new Contact.Key(command.detaineeId(), command.recipientType());
        Optional<Contact> existing = contacts.findById(key);
        if (command.address() == null || command.address().isBlank()) {
            existing.ifPresent(contacts::delete);
            log.info("{} contact of detainee {} removed", command.recipientType(), command.detaineeId());
            return;
        }
        existing.ifPresentOrElse(
                c -> c.update(command.address().trim(), command.locale(), clock.instant()),
                () -> contacts.save(new Contact(key, command.address().trim(), command.locale(), clock.instant())));
        log.info("{} contact of detainee {} registered (locale {})", command.recipientType(), command.detaineeId(),
                command.locale());
    }

    @Transactional(readOnly = true)
    public Optional<Contact> find(UUID detaineeId, RecipientType recipientType) {
        return detaineeId == null ? Optional.empty() : contacts.findById(new Contact.Key(detaineeId, recipientType));
    }
}
