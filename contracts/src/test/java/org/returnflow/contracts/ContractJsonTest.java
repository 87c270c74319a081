package org.returnflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.returnflow.contracts.consent.ConsentGiven;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.SeatBooked;

class ContractJsonTest {

    static Stream<Message> samples() {
        return Samples.all().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleSurvivesARoundTrip(Message sample) {
        byte[] bytes = ContractJson.toBytes(sample);

        assertThat(ContractJson.fromBytes(bytes, sample.getClass())).isEqualTo(sample);
    }

    @Test
    void datesAndInstantsAreIsoStringsAndNullsAreLeftOut() {
        BookSeat noLimit = new BookSeat(Samples.CASE, "IRN", Samples.DEPARTURE, null);

        JsonNode json = ContractJson.mapper().valueToTree(noLimit);

        assertThat(json.path("notBefore").asText()).isEqualTo("2026-12-05T08:00:00Z");
        assertThat(json.has("maxPerFlight")).isFalse();
        assertThat(ContractJson.mapper().valueToTree(Samples.of(EligibilityAssessed.class))
                .path("onDate").asText()).isEqualTo("2026-12-05");
    }

    @Test
    void unknownFieldsAreIgnored() {
        String json = """
                {"caseId":"%s","flightId":"%s","flightNumber":"RF2601","seat":"12A",
                 "departureAt":"2026-12-05T08:00:00Z","departureAirport":"AEX","stopoverAirports":["DOH"],
                 "arrivalAirport":"IKA","requestId":"%s","gate":"B4"}
                """.formatted(Samples.CASE, Samples.FLIGHT, Samples.REQUEST);

        SeatBooked booked = ContractJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), SeatBooked.class);

        assertThat(booked).isEqualTo(Samples.of(SeatBooked.class));
    }

    @Test
    void aMissingRequiredFieldFailsUnchecked() {
        byte[] json = ContractJson.toBytes(Samples.of(ConsentGiven.class));
        String withoutEvidence = new String(json, StandardCharsets.UTF_8)
                .replaceAll("\"evidenceSha256\":\"[0-9a-f]+\",", "");

        assertThatThrownBy(() -> ContractJson.fromBytes(withoutEvidence.getBytes(StandardCharsets.UTF_8),
                ConsentGiven.class))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("ConsentGiven")
                .rootCause().hasMessage("evidenceSha256");
    }

    @Test
    void malformedJsonFailsUnchecked() {
        assertThatThrownBy(() -> ContractJson.fromBytes("{".getBytes(StandardCharsets.UTF_8), SeatBooked.class))
                .isInstanceOf(UncheckedIOException.class);
    }
}
