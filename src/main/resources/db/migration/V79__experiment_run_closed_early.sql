-- A run closed before the end of its period: when, by whom and why (the team or the committee says why).
alter table experiment_iteration add column closed_early_at timestamp(6) with time zone;
alter table experiment_iteration add column closed_early_by varchar(64);
alter table experiment_iteration add column closed_early_reason varchar(4000);
