package org.returnflow.flight;

import org.returnflow.testkit.ServiceStartsIT;

/** The flight-service starts on real PostgreSQL and Kafka, healthy, with its schema and topics. */
class FlightServiceStartsIT extends ServiceStartsIT {
}
