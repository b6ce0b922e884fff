package org.cohorte.performance.domain;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface IndicatorRepository extends JpaRepository<Indicator, UUID> {

    List<Indicator> findByOrganizationIdOrderByNameAsc(UUID organizationId);

    List<Indicator> findByOrganizationIdInOrderByNameAsc(Collection<UUID> organizationIds);

    List<Indicator> findByOrganizationIdAndDraftFalseOrderByNameAsc(UUID organizationId);

    boolean existsBySourceExperimentId(UUID experimentId);

    @Query("select distinct i.organizationId from Indicator i where i.draft = false")
    List<UUID> organizationsWithActiveIndicators();

    /** Active indicators per organization, for the forum workbook's summary. Rows: organization id, count. */
    @Query("select i.organizationId, count(i) from Indicator i where i.organizationId in :ids and i.draft = false"
            + " group by i.organizationId")
    List<Object[]> countActiveByOrganization(@Param("ids") Collection<UUID> organizationIds);

    /**
     * One page of an organization's active indicators with their objective's title (null when none), in the
     * workbook's order, so that the export never holds more than a page.
     */
    @Query("select i, o.title from Indicator i left join Objective o on o.id = i.objectiveId"
            + " where i.organizationId = :org and i.draft = false order by o.title, i.name, i.id")
    List<Object[]> exportPage(@Param("org") UUID organizationId, Pageable page);
}
