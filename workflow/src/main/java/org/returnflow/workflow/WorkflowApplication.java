package org.returnflow.workflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import javax.xml.datatype.DatatypeFactory;

/** The Camunda 7 engine that carries each removal case and enforces the safeguards. */
@SpringBootApplication
public class WorkflowApplication {

    static {
        // Camunda calls DatatypeFactory.newInstance() for every timer it schedules, and JAXP then
        // scans every jar inside this fat jar with a ServiceLoader unless the property names the
        // factory: 9 % of the workflow's CPU in the benchmark (bench/results/2026-11-30.md). No jar
        // here provides one, so naming the JDK's default changes nothing but the scan.
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
                    DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(WorkflowApplication.class, args);
    }
}
