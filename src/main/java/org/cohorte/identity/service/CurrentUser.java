package org.cohorte.identity.service;

import java.util.List;
import java.util.Optional;

import org.cohorte.base.error.ForbiddenException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is calling, as Spring Security authenticated them: the Camunda user id and the Camunda groups.
 * Every service that reads or changes a record asks here first.
 */
@Component
public class CurrentUser {

    public record Identity(String userId, List<String> groups) {
        public boolean isIn(String group) {
            return groups.contains(group);
        }

        public boolean isAdmin() {
            return isIn(Roles.ADMIN);
        }
    }

    public Optional<Identity> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        List<String> groups = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(Roles.AUTHORITY_PREFIX))
                .map(a -> a.substring(Roles.AUTHORITY_PREFIX.length()))
                .toList();
        return Optional.of(new Identity(authentication.getName(), groups));
    }

    /** The signed-in user, or a refusal: services never act for nobody. */
    public Identity require() {
        return find().orElseThrow(() -> new ForbiddenException("error.notSignedIn"));
    }

    public String userId() {
        return require().userId();
    }

    public boolean isIn(String group) {
        return find().map(identity -> identity.isIn(group)).orElse(false);
    }

    /** Refuses unless the signed-in user belongs to one of the groups. */
    public Identity requireAnyGroup(String... groups) {
        Identity identity = require();
        for (String group : groups) {
            if (identity.isIn(group)) {
                return identity;
            }
        }
        throw new ForbiddenException();
    }
}
