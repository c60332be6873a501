-- One database and one login per service; each login owns only its own database and can connect to no other, so
-- intake cannot read the status tables, nor status-service the orders. The superuser (postgres) is for the operator,
-- never for a service. Passwords here are for local use; production sets them from secrets.
CREATE ROLE intake LOGIN PASSWORD 'intake' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT 40;
CREATE DATABASE intake OWNER intake;
CREATE ROLE provisioner LOGIN PASSWORD 'provisioner' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT 100;
CREATE DATABASE provisioner OWNER provisioner;
CREATE ROLE status LOGIN PASSWORD 'status' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT 40;
CREATE DATABASE status OWNER status;
-- Nobody else may connect, create temporary tables or anything else in a service's database.
REVOKE ALL ON DATABASE intake FROM PUBLIC;
REVOKE ALL ON DATABASE provisioner FROM PUBLIC;
REVOKE ALL ON DATABASE status FROM PUBLIC;
-- Inside each database only its owner creates objects in the public schema (PostgreSQL 15+ already revokes CREATE
-- from PUBLIC there; stated for older servers).
\connect intake
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO intake;
\connect provisioner
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO provisioner;
\connect status
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO status;
