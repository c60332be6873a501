#!/bin/bash
# Init container of docker-compose.secure.yml (the kafka-topics service): as the broker's super user, creates the
# pipeline topics, one SCRAM-SHA-512 user per line-owner of acls.txt (password from SCRAM_PASSWORD_<USER>) and the
# ACLs of acls.txt. Safe to run again: topics are created if missing, users get their current password, ACLs that
# exist stay. It does not remove ACLs dropped from acls.txt: kafka-acls.sh --remove does that.
set -euo pipefail
. /opt/pipeline-kafka/lib.sh

bootstrap=kafka:9092
plan_file=/opt/pipeline-kafka/acls.txt
admin=/tmp/admin.properties
require_password SCRAM_PASSWORD_BROKER
require_password TLS_STORE_PASSWORD
umask 077
client_config broker SCRAM_PASSWORD_BROKER > "$admin"

# Topic names and partitions mirror dev.dbaas.pipeline.schemas.Topics (SecureKafkaIntegrationTest checks it).
for topic in dbaas.order.placed.v1 dbaas.order.status.v1 dbaas.order.placed.v1.dlt dbaas.order.status.v1.dlt; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --command-config "$admin" \
    --create --if-not-exists --topic "$topic" --partitions 6 --replication-factor 1
done

for user in $(plan "$plan_file" | awk '{ print $1 }' | sort -u); do
  variable=$(password_variable "$user")
  require_password "$variable"
  /opt/kafka/bin/kafka-configs.sh --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
    --entity-type users --entity-name "$user" --add-config "SCRAM-SHA-512=[password=${!variable}]" > /dev/null
  echo "SCRAM-SHA-512 user $user is set"
done

while read -r user operation type name; do
  case $type in
    topic) resource=(--topic "$name") ;;
    group) resource=(--group "$name") ;;
    cluster) resource=(--cluster) ;;
    *) echo "acls.txt: unknown resource type '$type'" >&2; exit 1 ;;
  esac
  /opt/kafka/bin/kafka-acls.sh --bootstrap-server "$bootstrap" --command-config "$admin" --add \
    --allow-principal "User:$user" --operation "$operation" "${resource[@]}" > /dev/null
  echo "ACL: User:$user may $operation $type $name"
done < <(plan "$plan_file")
