package org.cohorte.codevelopment.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CodevGroupMemberRepository extends JpaRepository<CodevGroupMember, CodevGroupMember.Key> {
    // Written out: Hibernate caches a JPQL query's plan, not a derived query's.
    @Query("select m from CodevGroupMember m where m.id.groupId = :groupId")
    List<CodevGroupMember> findByIdGroupId(@Param("groupId") UUID groupId);

    List<CodevGroupMember> findByIdUserIdAndLeftAtIsNull(String userId);
}
