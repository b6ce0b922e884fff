package org.cohorte.incubator.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ExperimentRepository extends JpaRepository<Experiment, UUID> {

    List<Experiment> findAllByOrderByUpdatedAtDesc();

    @Query("select e.stage, count(e) from Experiment e group by e.stage")
    List<Object[]> countByStage();

    @Query("select e.stage, count(e) from Experiment e where e.organizationId in ?1 group by e.stage")
    List<Object[]> countByStage(java.util.Collection<UUID> organizationIds);
}
