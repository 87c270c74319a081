package org.returnflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void eachServiceReadsCommandsAndWritesEvents() {
        assertThat(Topics.all()).containsExactly(
                "detention.commands", "detention.events",
                "consent.commands", "consent.events",
                "flight.commands", "flight.events",
                "notification.commands", "notification.events",
                "workflow.events");
    }

    @Test
    void deadLettersGoToTheDltTopic() {
        assertThat(Topics.deadLetter(Topics.FLIGHT_COMMANDS)).isEqualTo("flight.commands.DLT");
    }

    @Test
    void everyTopicCarriesAtLeastOneMessage() {
        assertThat(Topics.all()).allSatisfy(topic ->
                assertThat(MessageCatalog.all()).anySatisfy(d -> assertThat(d.topic()).isEqualTo(topic)));
    }
}
