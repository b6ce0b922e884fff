package org.cohorte.community.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DutyAssignmentRepository extends JpaRepository<DutyAssignment, DutyAssignment.Key> {

    List<DutyAssignment> findByIdCommunityIdAndIdWeekStartBetweenOrderByIdWeekStart(UUID communityId, LocalDate from,
                                                                                   LocalDate to);
}
