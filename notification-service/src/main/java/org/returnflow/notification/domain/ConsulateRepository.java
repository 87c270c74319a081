package org.returnflow.notification.domain;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ConsulateRepository extends JpaRepository<Consulate, String> {
}
