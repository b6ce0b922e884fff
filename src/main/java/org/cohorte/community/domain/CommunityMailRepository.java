package org.cohorte.community.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CommunityMailRepository extends JpaRepository<CommunityMail, UUID> {

    List<CommunityMail> findBySentAtIsNullOrderByRecipientAscCreatedAtAsc();

    List<CommunityMail> findByRecipientOrderByCreatedAt(String recipient);

    @Query("select distinct m.recipient from CommunityMail m where m.sentAt is null")
    List<String> findPendingRecipients();

    @Query("select m from CommunityMail m where m.recipient = :recipient and m.sentAt is null and m.createdAt <= :until "
            + "order by m.createdAt")
    List<CommunityMail> findPendingFor(@Param("recipient") String recipient, @Param("until") Instant until);
}
