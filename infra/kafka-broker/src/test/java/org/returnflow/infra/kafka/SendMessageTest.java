package org.returnflow.infra.kafka;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** Nothing invalid leaves: a message that breaks its contract is refused before any broker is asked. */
class SendMessageTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int send(String... args) throws Exception {
        // A port nothing listens on: these calls must fail before they would need a broker.
        return SendMessage.run(args, InputStream.nullInputStream(), new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8), "127.0.0.1:1");
    }

    @Test
    void refusesAMessageThatBreaksItsSchema() throws Exception {
        assertThat(send("BookSeat", "{\"caseId\":\"not-a-uuid\",\"destinationCountry\":\"IRN\"}")).isEqualTo(1);
        assertThat(err.toString(UTF_8)).contains("does not match schemas/flight/BookSeat.v1.json");
        assertThat(out.toString(UTF_8)).isEmpty();
    }

    @Test
    void refusesAFieldTheContractDoesNotKnow() throws Exception {
        assertThat(send("ReleaseSeat", "{\"caseId\":\"6f0b8a52-4c1e-4d2a-9b7e-1a2b3c4d5e01\","
                + "\"reason\":\"TEST\",\"givenName\":\"Reza\"}")).isEqualTo(1);
        assertThat(err.toString(UTF_8)).contains("givenName");
    }

    @Test
    void namesTheKnownMessagesForAnUnknownOne() throws Exception {
        assertThat(send("BookAHotel", "{}")).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("no message called BookAHotel").contains("BookSeat");
    }
}
