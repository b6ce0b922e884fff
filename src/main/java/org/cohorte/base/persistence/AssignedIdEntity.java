package org.cohorte.base.persistence;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * An entity whose id the application assigns in its constructor (a random UUID, or the key of what it belongs to).
 * Spring Data cannot tell such an entity is new from its id, so {@code save} merged it, and merging reads the row
 * first: one SELECT before every INSERT. Here an entity made with {@code new} is new until it is stored or loaded.
 */
@MappedSuperclass
public abstract class AssignedIdEntity<ID> implements Persistable<ID> {

    @Transient
    private boolean stored;

    @Override
    public boolean isNew() {
        return !stored;
    }

    @PostPersist
    @PostLoad
    void markStored() {
        stored = true;
    }
}
