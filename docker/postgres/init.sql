-- One database and one login per service; each login owns only its own database.
CREATE ROLE intake LOGIN PASSWORD 'intake';
CREATE DATABASE intake OWNER intake;
CREATE ROLE provisioner LOGIN PASSWORD 'provisioner';
CREATE DATABASE provisioner OWNER provisioner;
CREATE ROLE status LOGIN PASSWORD 'status';
CREATE DATABASE status OWNER status;
REVOKE CONNECT ON DATABASE intake FROM PUBLIC;
REVOKE CONNECT ON DATABASE provisioner FROM PUBLIC;
REVOKE CONNECT ON DATABASE status FROM PUBLIC;
