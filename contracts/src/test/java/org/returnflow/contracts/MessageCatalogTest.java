package org.returnflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.workflow.CaseStateChanged;

class MessageCatalogTest {

    @Test
    void findsACommandByType() {
        MessageDescriptor bookSeat = MessageCatalog.byType("returnflow.flight.BookSeat.v1");

        assertThat(bookSeat.javaType()).isEqualTo(BookSeat.class);
        assertThat(bookSeat.name()).isEqualTo("BookSeat");
        assertThat(bookSeat.service()).isEqualTo("flight");
        assertThat(bookSeat.kind()).isEqualTo(MessageKind.COMMAND);
        assertThat(bookSeat.topic()).isEqualTo(Topics.FLIGHT_COMMANDS);
        assertThat(bookSeat.schemaResource()).isEqualTo("schemas/flight/BookSeat.v1.json");
    }

    @Test
    void findsAnEventByClassAndByInstance() {
        MessageDescriptor seatBooked = MessageCatalog.byClass(SeatBooked.class);

        assertThat(seatBooked.type()).isEqualTo("returnflow.flight.SeatBooked.v1");
        assertThat(seatBooked.kind()).isEqualTo(MessageKind.EVENT);
        assertThat(seatBooked.topic()).isEqualTo(Topics.FLIGHT_EVENTS);
        assertThat(MessageCatalog.of(Samples.of(SeatBooked.class))).isSameAs(seatBooked);
        assertThat(MessageCatalog.byClass(CaseStateChanged.class).topic()).isEqualTo(Topics.WORKFLOW_EVENTS);
    }

    @Test
    void anUnknownTypeIsRejectedByName() {
        assertThatThrownBy(() -> MessageCatalog.byType("returnflow.flight.SeatBooked.v2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("returnflow.flight.SeatBooked.v2");
        assertThat(MessageCatalog.findByType("returnflow.flight.SeatBooked.v2")).isEmpty();
        assertThat(MessageCatalog.findByType(null)).isEmpty();
    }

    @Test
    void anUncataloguedClassIsRejected() {
        assertThatThrownBy(() -> MessageCatalog.byClass(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void typesAndClassesAreUnique() {
        assertThat(MessageCatalog.all()).extracting(MessageDescriptor::type).doesNotHaveDuplicates();
        assertThat(MessageCatalog.all()).extracting(MessageDescriptor::javaType).doesNotHaveDuplicates();
        assertThat(MessageCatalog.all()).allSatisfy(d -> assertThat(MessageCatalog.byType(d.type())).isSameAs(d));
    }
}
