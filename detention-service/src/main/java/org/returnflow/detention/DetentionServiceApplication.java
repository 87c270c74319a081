package org.returnflow.detention;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Custody records, legal status and the eligibility check that protects people from wrongful removal. */
@SpringBootApplication
public class DetentionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DetentionServiceApplication.class, args);
    }
}
