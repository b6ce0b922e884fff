package org.cohorte.community.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CommunityMailRepository extends JpaRepository<CommunityMail, UUID> {

    List<CommunityMail> findBySentAtIsNullOrderByRecipientAscCreatedAtAsc();

    List<CommunityMail> findByRecipientOrderByCreatedAt(String recipient);
}
