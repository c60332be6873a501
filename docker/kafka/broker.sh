#!/bin/bash
# Entrypoint of kafka-1, kafka-2 and kafka-3 in docker-compose.secure.yml (replaces the image's own, which cannot create
# SCRAM users at format time). Each node is broker and controller, one of a quorum of three: it writes its configuration
# (lib.sh, broker_properties: node id, quorum and replication settings from docker-compose.yml's environment, then
# broker-security.properties), formats its log directory once with the cluster's id and the broker's own SCRAM user,
# and starts.
set -euo pipefail
. /opt/pipeline-kafka/lib.sh

require_password SCRAM_PASSWORD_BROKER
require_password TLS_STORE_PASSWORD
# One id for the three nodes (docker-compose.yml, x-kafka-environment): a node formatted with another id cannot join.
: "${CLUSTER_ID:?CLUSTER_ID is not set (docker-compose.yml, x-kafka-environment)}"
for store in kafka.keystore.p12 truststore.p12; do
  [[ -r /etc/kafka/secrets/$store ]] || { echo "/etc/kafka/secrets/$store is missing: run docker/kafka/make-certs.sh" >&2; exit 1; }
done

config=/opt/kafka/config/secure-server.properties
umask 077
broker_properties /opt/pipeline-kafka/broker-security.properties > "$config"

# For the health check (docker-compose.secure.yml): the broker's own user, inside this container only.
client_config broker SCRAM_PASSWORD_BROKER > /tmp/broker-client.properties

# Formats only an empty log directory. Every node gets the broker's SCRAM user: the format writes it into the node's
# bootstrap metadata, and whichever controller is elected first on an empty quorum writes its bootstrap records into
# the cluster metadata (the others' are never read). A node without it would, if elected first, start a cluster in
# which no broker can authenticate to another. A new broker password later is a kafka-configs.sh call and a restart
# of every node with the new SCRAM_PASSWORD_BROKER (its PLAIN user for the controllers is in the configuration).
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --config "$config" --cluster-id "$CLUSTER_ID" \
  --add-scram "SCRAM-SHA-512=[name=broker,password=${SCRAM_PASSWORD_BROKER}]"

exec /opt/kafka/bin/kafka-server-start.sh "$config"
