-- A group's own retention of closed confidential cases, in days (Law 25: kept no longer than the group needs);
-- null: the global cohorte.privacy.closed-case-retention. Bounds as in CodevGroupService.
alter table codev_group add column case_retention_days integer;
alter table codev_group add constraint codev_group_retention_check
    check (case_retention_days is null or case_retention_days between 30 and 3650);
