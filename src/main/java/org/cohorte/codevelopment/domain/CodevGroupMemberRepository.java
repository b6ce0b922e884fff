package org.cohorte.codevelopment.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CodevGroupMemberRepository extends JpaRepository<CodevGroupMember, CodevGroupMember.Key> {
    List<CodevGroupMember> findByIdGroupId(UUID groupId);

    List<CodevGroupMember> findByIdUserIdAndLeftAtIsNull(String userId);
}
