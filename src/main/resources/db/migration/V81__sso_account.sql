-- Which member an identity provider's person is (single sign-on). The provider's subject is the stable key: the
-- claim giving the user id may change, and a provider must never take over an account it did not create (a local
-- one, or another provider's).
create table sso_account (
    user_id          varchar(64)  primary key,
    issuer           varchar(500) not null,
    subject          varchar(255) not null,
    created_at       timestamp(6) with time zone not null,
    last_sign_in_at  timestamp(6) with time zone not null,
    version          bigint       not null default 0,
    constraint sso_account_subject_unique unique (issuer, subject)
);
