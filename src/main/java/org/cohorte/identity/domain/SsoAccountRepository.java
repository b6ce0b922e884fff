package org.cohorte.identity.domain;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SsoAccountRepository extends JpaRepository<SsoAccount, String> {

    Optional<SsoAccount> findByIssuerAndSubject(String issuer, String subject);
}
