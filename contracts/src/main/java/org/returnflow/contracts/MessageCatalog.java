package org.returnflow.contracts;

import static org.returnflow.contracts.MessageKind.COMMAND;
import static org.returnflow.contracts.MessageKind.EVENT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.returnflow.contracts.consent.ConsentDeclined;
import org.returnflow.contracts.consent.ConsentExpired;
import org.returnflow.contracts.consent.ConsentGiven;
import org.returnflow.contracts.consent.ConsentRequested;
import org.returnflow.contracts.consent.ConsentWithdrawn;
import org.returnflow.contracts.consent.RequestConsent;
import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.contracts.detention.DescribeDetainee;
import org.returnflow.contracts.detention.DetaineeDescribed;
import org.returnflow.contracts.detention.DetaineeRecordChanged;
import org.returnflow.contracts.detention.DetaineeReleasedFromOperation;
import org.returnflow.contracts.detention.DetaineeRemoved;
import org.returnflow.contracts.detention.DetaineeUnknown;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.LegalHoldLifted;
import org.returnflow.contracts.detention.LegalHoldPlaced;
import org.returnflow.contracts.detention.RecordRemoval;
import org.returnflow.contracts.detention.ReleaseFromOperation;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.FlightArrived;
import org.returnflow.contracts.flight.FlightCancelled;
import org.returnflow.contracts.flight.FlightDeparted;
import org.returnflow.contracts.flight.FlightRescheduled;
import org.returnflow.contracts.flight.FlightScheduled;
import org.returnflow.contracts.flight.HandoverConfirmed;
import org.returnflow.contracts.flight.ManifestLocked;
import org.returnflow.contracts.flight.MonitorAssigned;
import org.returnflow.contracts.flight.MonitorUnassigned;
import org.returnflow.contracts.flight.MonitoringFindingReported;
import org.returnflow.contracts.flight.PassengerBoarded;
import org.returnflow.contracts.flight.ReleaseSeat;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.flight.SeatReleased;
import org.returnflow.contracts.flight.SeatUnavailable;
import org.returnflow.contracts.notification.NotificationDelivered;
import org.returnflow.contracts.notification.NotificationFailed;
import org.returnflow.contracts.notification.RegisterContact;
import org.returnflow.contracts.notification.SendNotification;
import org.returnflow.contracts.workflow.CaseStateChanged;

/**
 * The one registry of messages: every record that implements {@link Message} has exactly one
 * entry here. Tests fail when a record, its schema, its sample or its AsyncAPI entry is missing.
 */
public final class MessageCatalog {

    private static final List<MessageDescriptor> ALL = List.of(
            command("detention", DescribeDetainee.class),
            command("detention", AssessEligibility.class),
            command("detention", RecordRemoval.class),
            command("detention", ReleaseFromOperation.class),
            event("detention", DetaineeDescribed.class),
            event("detention", DetaineeUnknown.class),
            event("detention", EligibilityAssessed.class),
            event("detention", LegalHoldPlaced.class),
            event("detention", LegalHoldLifted.class),
            event("detention", DetaineeRemoved.class),
            event("detention", DetaineeReleasedFromOperation.class),
            event("detention", DetaineeRecordChanged.class),

            command("consent", RequestConsent.class),
            event("consent", ConsentRequested.class),
            event("consent", ConsentGiven.class),
            event("consent", ConsentDeclined.class),
            event("consent", ConsentWithdrawn.class),
            event("consent", ConsentExpired.class),

            command("flight", BookSeat.class),
            command("flight", ReleaseSeat.class),
            event("flight", FlightScheduled.class),
            event("flight", SeatBooked.class),
            event("flight", SeatUnavailable.class),
            event("flight", SeatReleased.class),
            event("flight", ManifestLocked.class),
            event("flight", PassengerBoarded.class),
            event("flight", FlightDeparted.class),
            event("flight", FlightArrived.class),
            event("flight", HandoverConfirmed.class),
            event("flight", FlightCancelled.class),
            event("flight", FlightRescheduled.class),
            event("flight", MonitorAssigned.class),
            event("flight", MonitorUnassigned.class),
            event("flight", MonitoringFindingReported.class),

            command("notification", SendNotification.class),
            command("notification", RegisterContact.class),
            event("notification", NotificationDelivered.class),
            event("notification", NotificationFailed.class),

            event("workflow", CaseStateChanged.class));

    private static final Map<String, MessageDescriptor> BY_TYPE = index(ALL);
    private static final Map<Class<?>, MessageDescriptor> BY_CLASS = indexByClass(ALL);

    private MessageCatalog() {
    }

    /** Every message, grouped by service, commands before events. */
    public static List<MessageDescriptor> all() {
        return ALL;
    }

    /**
     * The message with CloudEvents type {@code type}, for example
     * {@code returnflow.flight.SeatBooked.v1}.
     *
     * @throws IllegalArgumentException when no message has that type
     */
    public static MessageDescriptor byType(String type) {
        return findByType(type).orElseThrow(
                () -> new IllegalArgumentException("Unknown message type: " + type));
    }

    /** The message with CloudEvents type {@code type}, if there is one. */
    public static Optional<MessageDescriptor> findByType(String type) {
        return Optional.ofNullable(type == null ? null : BY_TYPE.get(type));
    }

    /**
     * The message whose record is {@code javaType}.
     *
     * @throws IllegalArgumentException when the class is not a catalogued message
     */
    public static MessageDescriptor byClass(Class<?> javaType) {
        MessageDescriptor descriptor = javaType == null ? null : BY_CLASS.get(javaType);
        if (descriptor == null) {
            throw new IllegalArgumentException("Not a catalogued message: " + javaType);
        }
        return descriptor;
    }

    /** The descriptor of {@code message}'s record. */
    public static MessageDescriptor of(Message message) {
        return byClass(message.getClass());
    }

    private static MessageDescriptor command(String service, Class<? extends Message> javaType) {
        return MessageDescriptor.of(service, COMMAND, javaType);
    }

    private static MessageDescriptor event(String service, Class<? extends Message> javaType) {
        return MessageDescriptor.of(service, EVENT, javaType);
    }

    private static Map<String, MessageDescriptor> index(List<MessageDescriptor> descriptors) {
        Map<String, MessageDescriptor> byType = new LinkedHashMap<>();
        for (MessageDescriptor d : descriptors) {
            if (byType.put(d.type(), d) != null) {
                throw new IllegalStateException("Duplicate message type " + d.type());
            }
        }
        return Map.copyOf(byType);
    }

    private static Map<Class<?>, MessageDescriptor> indexByClass(List<MessageDescriptor> descriptors) {
        Map<Class<?>, MessageDescriptor> byClass = new LinkedHashMap<>();
        for (MessageDescriptor d : descriptors) {
            if (byClass.put(d.javaType(), d) != null) {
                throw new IllegalStateException("Duplicate message class " + d.javaType().getName());
            }
        }
        return Map.copyOf(byClass);
    }
}
