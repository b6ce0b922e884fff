-- A V1 as the pre-release migrations named it, for FlywayBaselineGuardTest.
create table member_profile (user_id varchar(64) primary key);
