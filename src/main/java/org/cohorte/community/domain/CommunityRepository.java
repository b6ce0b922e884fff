package org.cohorte.community.domain;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CommunityRepository extends JpaRepository<Community, UUID> {
    Optional<Community> findByNameIgnoreCase(String name);

    java.util.List<Community> findByOpenToAllTrue();

    java.util.List<Community> findAllByOrderByNameAsc();
}
