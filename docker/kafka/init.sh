#!/bin/bash
# Init container of docker-compose.secure.yml (the kafka-topics service): as the broker's super user, waits until the
# three nodes are registered brokers, then creates the pipeline topics replicated on all three, one SCRAM-SHA-512 user
# per line-owner of acls.txt (password from SCRAM_PASSWORD_<USER>) and the ACLs of acls.txt. Safe to run again:
# topics are created if missing, users get their current password, ACLs that exist stay. It does not remove ACLs
# dropped from acls.txt: kafka-acls.sh --remove does that.
set -euo pipefail
. /opt/pipeline-kafka/lib.sh

# All three nodes (docker-compose.yml's KAFKA_BOOTSTRAP), so that any one of them will do.
bootstrap=${KAFKA_BOOTSTRAP:?KAFKA_BOOTSTRAP is not set (docker-compose.yml, kafka-topics)}
plan_file=/opt/pipeline-kafka/acls.txt
admin=/tmp/admin.properties
require_password SCRAM_PASSWORD_BROKER
require_password TLS_STORE_PASSWORD
umask 077
client_config broker SCRAM_PASSWORD_BROKER > "$admin"

# As docker-compose.yml's kafka-topics creates them: a replica on every node, two in sync for a write, and a replica
# that fell behind never leads (ComposeDriftTest checks these against the fault suite's ReplicatedKafka).
replication_factor=3
topic_settings=(--replication-factor "$replication_factor" --config min.insync.replicas=2
  --config unclean.leader.election.enable=false)

# Compose starts this container once kafka-1 is healthy; the others may still be starting, and a topic created now
# would fail (fewer brokers than replicas). kafka-broker-api-versions.sh prints one "host:port (id: N ...)" line per
# registered, unfenced broker.
for attempt in $(seq 90); do
  brokers=$(/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server "$bootstrap" --command-config "$admin" \
    2> /dev/null | grep -c ' (id: ' || true)
  [[ $brokers -ge $replication_factor ]] && break
  [[ $attempt -lt 90 ]] || { echo "only $brokers of $replication_factor brokers registered after 90 tries" >&2; exit 1; }
  echo "waiting for $replication_factor brokers ($brokers registered)"
  sleep 2
done

# Topic names and partitions mirror dev.dbaas.pipeline.schemas.Topics (SecureKafkaIntegrationTest checks it).
for topic in dbaas.order.placed.v1 dbaas.order.status.v1 dbaas.order.placed.v1.dlt dbaas.order.status.v1.dlt; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --command-config "$admin" \
    --create --if-not-exists --topic "$topic" --partitions 6 "${topic_settings[@]}"
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
