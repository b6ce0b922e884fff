package org.cohorte.performance.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ReviewRepository extends JpaRepository<Review, UUID> {

    Optional<Review> findByOrganizationIdAndPeriod(UUID organizationId, String period);

    List<Review> findByOrganizationIdInOrderByPeriodDesc(Collection<UUID> organizationIds);

    List<Review> findByOrganizationIdOrderByPeriodDesc(UUID organizationId);
}
