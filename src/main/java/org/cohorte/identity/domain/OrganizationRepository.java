package org.cohorte.identity.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface OrganizationRepository extends JpaRepository<Organization, UUID> {

    List<Organization> findAllByOrderByNameAsc();

    Optional<Organization> findByNameIgnoreCase(String name);

    List<Organization> findByAcronymIgnoreCase(String acronym);
}
