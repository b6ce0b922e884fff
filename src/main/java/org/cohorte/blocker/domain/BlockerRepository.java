package org.cohorte.blocker.domain;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface BlockerRepository extends JpaRepository<Blocker, UUID> {

    List<Blocker> findBySourceTypeAndSourceIdOrderByDeclaredAtDesc(BlockerSource sourceType, String sourceId);

    List<Blocker> findByOrganizationIdInOrderByDeclaredAtAsc(Collection<java.util.UUID> organizationIds);

    List<Blocker> findByStatusInOrderByDeclaredAtAsc(Collection<BlockerStatus> statuses);
}
