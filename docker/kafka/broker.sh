#!/bin/bash
# Entrypoint of the kafka service in docker-compose.secure.yml (replaces the image's own, which cannot create SCRAM
# users at format time): writes the broker configuration from broker-security.properties plus the addresses below,
# formats the log directory once with the broker's own SCRAM user, and starts the broker.
set -euo pipefail
. /opt/pipeline-kafka/lib.sh

require_password SCRAM_PASSWORD_BROKER
require_password TLS_STORE_PASSWORD
for store in kafka.keystore.p12 truststore.p12; do
  [[ -r /etc/kafka/secrets/$store ]] || { echo "/etc/kafka/secrets/$store is missing: run docker/kafka/make-certs.sh" >&2; exit 1; }
done

config=/opt/kafka/config/secure-server.properties
umask 077
{
  cat <<'ADDRESSES'
node.id=1
process.roles=broker,controller
listeners=CLIENT://:9092,CONTROLLER://localhost:9093
advertised.listeners=CLIENT://kafka:9092
controller.listener.names=CONTROLLER
controller.quorum.voters=1@localhost:9093
log.dirs=/var/lib/kafka/data
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
ADDRESSES
  render /opt/pipeline-kafka/broker-security.properties
} > "$config"

# For the health check (docker-compose.secure.yml): the broker's own user, inside this container only.
client_config broker SCRAM_PASSWORD_BROKER > /tmp/broker-client.properties

# Formats only an empty log directory: the broker user is created once, with the cluster.
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --config "$config" \
  --cluster-id "${CLUSTER_ID:-$(/opt/kafka/bin/kafka-storage.sh random-uuid)}" \
  --add-scram "SCRAM-SHA-512=[name=broker,password=${SCRAM_PASSWORD_BROKER}]"

exec /opt/kafka/bin/kafka-server-start.sh "$config"
