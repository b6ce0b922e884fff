package org.cohorte.identity.domain;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface MemberProfileRepository extends JpaRepository<MemberProfile, String> {

    List<MemberProfile> findByUserIdIn(Collection<String> userIds);

    long countByOrganizationId(UUID organizationId);
}
