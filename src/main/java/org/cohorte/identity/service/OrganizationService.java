package org.cohorte.identity.service;

import java.util.List;
import java.util.UUID;

import org.cohorte.base.text.PlainText;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ConflictException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.identity.domain.Organization;
import org.cohorte.identity.domain.OrganizationRepository;
import org.cohorte.identity.domain.OrganizationType;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;

/** Ministries, agencies and companies taking part. Everyone signed in reads them; admins change them. */
@Service
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    public OrganizationService(OrganizationRepository organizations, CurrentUser currentUser,
                               ApplicationEventPublisher events) {
        this.organizations = organizations;
        this.currentUser = currentUser;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<Organization> list() {
        currentUser.require();
        return organizations.findAllByOrderByNameAsc();
    }

    /** {@link #list()} for other features: values, not entities. */
    @Transactional(readOnly = true)
    public List<OrganizationRef> refs() {
        return list().stream().map(o -> new OrganizationRef(o.getId(), o.getName(), o.getLabel())).toList();
    }

    /** The list label of one organization, for other features. */
    @Transactional(readOnly = true)
    public String label(UUID id) {
        return get(id).getLabel();
    }

    @Transactional(readOnly = true)
    public Organization get(UUID id) {
        currentUser.require();
        return organizations.findById(id).orElseThrow(() -> new NotFoundException("identity.error.organizationNotFound"));
    }

    @Transactional
    public Organization create(String name, String acronym, OrganizationType type) {
        currentUser.requireAnyGroup(Roles.ADMIN);
        String cleanName = validName(name);
        if (organizations.findByNameIgnoreCase(cleanName).isPresent()) {
            throw new CohorteException("identity.error.organizationNameTaken", cleanName);
        }
        return organizations.save(new Organization(cleanName, cleanAcronym(acronym), requireType(type)));
    }

    /** Saves an edited organization; a stale version (someone saved first) is refused, not overwritten. */
    @Transactional
    public Organization update(UUID id, long expectedVersion, String name, String acronym, OrganizationType type) {
        currentUser.requireAnyGroup(Roles.ADMIN);
        Organization organization = organizations.findById(id)
                .orElseThrow(() -> new NotFoundException("identity.error.organizationNotFound"));
        if (organization.getVersion() != expectedVersion) {
            throw new ConflictException("error.staleEdit");
        }
        String cleanName = validName(name);
        organizations.findByNameIgnoreCase(cleanName).filter(o -> !o.getId().equals(id)).ifPresent(o -> {
            throw new CohorteException("identity.error.organizationNameTaken", cleanName);
        });
        boolean renamed = !cleanName.equals(organization.getName());
        organization.setName(cleanName);
        organization.setAcronym(cleanAcronym(acronym));
        organization.setType(requireType(type));
        try {
            Organization saved = organizations.saveAndFlush(organization);
            if (renamed) {
                events.publishEvent(new OrganizationRenamedEvent(id));
            }
            return saved;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ConflictException("error.staleEdit");
        }
    }

    /** An admin sets where the organization's members' days begin (their digest at 07:00), unless they chose. */
    @Transactional
    public Organization setTimeZone(UUID id, String timeZone) {
        currentUser.requireAnyGroup(Roles.ADMIN);
        Organization organization = organizations.findById(id)
                .orElseThrow(() -> new NotFoundException("identity.error.organizationNotFound"));
        String zone = timeZone == null || timeZone.isBlank() ? Organization.DEFAULT_TIME_ZONE : timeZone.trim();
        if (!java.time.ZoneId.getAvailableZoneIds().contains(zone)) {
            throw new CohorteException("identity.error.timeZoneUnknown");
        }
        organization.setTimeZone(zone);
        return organizations.save(organization);
    }

    private static String validName(String name) {
        String clean = name == null ? "" : PlainText.clean(name).trim();
        if (clean.isEmpty()) {
            throw new CohorteException("identity.organization.name.required");
        }
        if (clean.length() > 200) {
            throw new CohorteException("identity.organization.name.size");
        }
        return clean;
    }

    private static String cleanAcronym(String acronym) {
        String clean = acronym == null ? null : PlainText.clean(acronym).trim();
        if (clean != null && clean.length() > 30) {
            throw new CohorteException("identity.organization.acronym.size");
        }
        return clean == null || clean.isEmpty() ? null : clean;
    }

    private static OrganizationType requireType(OrganizationType type) {
        if (type == null) {
            throw new CohorteException("identity.organization.type.required");
        }
        return type;
    }
}
