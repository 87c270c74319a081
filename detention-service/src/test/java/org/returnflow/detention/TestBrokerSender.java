package org.returnflow.detention;

import org.returnflow.testkit.CloudEventSender;

/** One CloudEvents sender to the test broker per test JVM (each IT class runs in its own), opened on first use. */
final class TestBrokerSender {

    private static CloudEventSender sender;

    private TestBrokerSender() {
    }

    static synchronized CloudEventSender get() {
        if (sender == null) {
            sender = CloudEventSender.toTestBroker();
        }
        return sender;
    }

    static synchronized void close() {
        if (sender != null) {
            sender.close();
            sender = null;
        }
    }
}
