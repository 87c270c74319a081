package org.returnflow.workflow;

import org.junit.jupiter.api.Test;
import org.returnflow.testkit.ServiceStartsIT;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import javax.xml.datatype.DatatypeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The workflow starts on real PostgreSQL and Kafka, healthy, with its schema and topics. */
@org.springframework.test.context.ActiveProfiles("local")
class WorkflowStartsIT extends ServiceStartsIT {

    @Test
    void engineRestRequiresAuthentication() {
        ResponseEntity<String> anonymous = http.getForEntity("/engine-rest/task", String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        // paged: an authenticated user's unbounded query is refused (query-max-results-limit, CamundaWebSecurityIT)
        ResponseEntity<String> admin = http.withBasicAuth("admin", "admin")
                .getForEntity("/engine-rest/task?firstResult=0&maxResults=100", String.class);
        assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void timersFindTheirDatatypeFactoryWithoutScanningTheClassPath() throws Exception {
        assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        assertThat(DatatypeFactory.newInstance().getClass().getName())
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }

    @Test
    void servesTheCockpitLoginPageWithoutAToken() {
        ResponseEntity<String> cockpit = http.getForEntity("/camunda/app/cockpit/default/", String.class);
        assertThat(cockpit.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(cockpit.getBody()).containsIgnoringCase("cockpit");
    }
}
