package org.cohorte.identity.domain;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MemberProfileRepository extends JpaRepository<MemberProfile, String> {

    // Queries called on every click are written out: Hibernate caches a JPQL query's plan, not a derived query's.
    @Query("select p from MemberProfile p where p.userId in :userIds")
    List<MemberProfile> findByUserIdIn(@Param("userIds") Collection<String> userIds);

    long countByOrganizationId(UUID organizationId);
}
