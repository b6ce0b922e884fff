package org.cohorte.performance.domain;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface IndicatorRepository extends JpaRepository<Indicator, UUID> {

    List<Indicator> findByOrganizationIdOrderByNameAsc(UUID organizationId);

    List<Indicator> findByOrganizationIdInOrderByNameAsc(Collection<UUID> organizationIds);

    List<Indicator> findByOrganizationIdAndDraftFalseOrderByNameAsc(UUID organizationId);

    boolean existsBySourceExperimentId(UUID experimentId);

    @Query("select distinct i.organizationId from Indicator i where i.draft = false")
    List<UUID> organizationsWithActiveIndicators();
}
