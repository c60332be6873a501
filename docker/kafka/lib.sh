# Shared by broker.sh and init.sh (sourced, bash), and by system-tests' SecureKafkaIntegrationTest, which renders
# broker_properties for kafka-1..3 with docker-compose.yml's environment. Nothing here prints a password except
# broker_properties and client_config, into files only the container's user reads.

# render FILE: prints FILE with every ${NAME} replaced by the environment variable NAME (which must be set);
# comment lines are left out.
render() {
  local line name
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^[[:space:]]*# ]] && continue
    while [[ $line =~ \$\{([A-Z0-9_]+)\} ]]; do
      name=${BASH_REMATCH[1]}
      [[ -n ${!name-} ]] || { echo "$name is not set (see docker/kafka/secure.env.example)" >&2; return 1; }
      line=${line//"\${$name}"/"${!name}"}
    done
    printf '%s\n' "$line"
  done < "$1"
}

# The broker settings broker_properties takes from docker-compose.yml's environment of kafka-1..3
# (x-kafka-environment, KAFKA_<SETTING> with '.' as '_'), so that the secure cluster replicates exactly as the
# plaintext one: three replicas, two in sync for a write, no unclean election (docs/decisions/0047).
BROKER_SETTINGS_FROM_COMPOSE="auto.create.topics.enable default.replication.factor min.insync.replicas
  unclean.leader.election.enable offsets.topic.replication.factor transaction.state.log.replication.factor
  transaction.state.log.min.isr share.coordinator.state.topic.replication.factor share.coordinator.state.topic.min.isr
  group.initial.rebalance.delay.ms"

# voter_host ID VOTERS: the host of node ID in the controller.quorum.voters list VOTERS (1@kafka-1:9093,...).
voter_host() {
  local voter voters
  IFS=, read -ra voters <<< "$2"
  for voter in "${voters[@]}"; do
    if [[ $voter =~ ^$1@([A-Za-z0-9.-]+):9093$ ]]; then
      echo "${BASH_REMATCH[1]}"
      return 0
    fi
  done
  echo "node $1 is not among the controller.quorum.voters '$2' (host:9093 each)" >&2
  return 1
}

# broker_properties SECURITY_FILE: the configuration of this node of the secure cluster, from docker-compose.yml's
# environment: KAFKA_NODE_ID, the quorum KAFKA_CONTROLLER_QUORUM_VOTERS (which names this node's host, so that host is
# what it advertises and what its certificate says) and BROKER_SETTINGS_FROM_COMPOSE; then SECURITY_FILE rendered.
# The image's plaintext KAFKA_LISTENERS, KAFKA_ADVERTISED_LISTENERS and listener map in that environment are not used.
# The controller listener is advertised too: otherwise a controller announces the container's host name (its id), which
# its certificate does not name, to tools that ask the quorum (kafka-metadata-quorum.sh --bootstrap-controller).
broker_properties() {
  local node_id=${KAFKA_NODE_ID-} voters=${KAFKA_CONTROLLER_QUORUM_VOTERS-} host setting variable
  [[ $node_id =~ ^[0-9]+$ ]] || { echo "KAFKA_NODE_ID must be this node's id (docker-compose.yml)" >&2; return 1; }
  host=$(voter_host "$node_id" "$voters") || return 1
  cat <<NODE
node.id=$node_id
process.roles=broker,controller
listeners=CLIENT://:9092,CONTROLLER://:9093
advertised.listeners=CLIENT://$host:9092,CONTROLLER://$host:9093
controller.listener.names=CONTROLLER
controller.quorum.voters=$voters
log.dirs=/var/lib/kafka/data
NODE
  for setting in $BROKER_SETTINGS_FROM_COMPOSE; do
    variable=KAFKA_$(tr '[:lower:].' '[:upper:]_' <<< "$setting")
    [[ -n ${!variable-} ]] || { echo "$variable is not set (docker-compose.yml, x-kafka-environment)" >&2; return 1; }
    echo "$setting=${!variable}"
  done
  render "$1"
}

# password_variable USER: the environment variable with USER's SCRAM password (order-intake -> SCRAM_PASSWORD_ORDER_INTAKE).
password_variable() {
  local name=${1//-/_}
  echo "SCRAM_PASSWORD_${name^^}"
}

# require_password VARIABLE: fails unless VARIABLE holds 16 or more letters, digits, '-' or '_' (characters that
# need no quoting in a JAAS line or a kafka-storage/kafka-configs SCRAM argument).
require_password() {
  local value=${!1-}
  [[ $value =~ ^[A-Za-z0-9_-]{16,}$ ]] \
    || { echo "$1 must be 16 or more letters, digits, '-' or '_' (see docker/kafka/secure.env.example)" >&2; return 1; }
}

# client_config USER PASSWORD_VARIABLE: a SASL_SSL/SCRAM-SHA-512 client configuration for kafka-*.sh --command-config.
client_config() {
  cat <<CONFIG
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$1" password="${!2}";
ssl.truststore.type=PKCS12
ssl.truststore.location=/etc/kafka/secrets/truststore.p12
ssl.truststore.password=${TLS_STORE_PASSWORD}
CONFIG
}

# plan: the ACL lines of acls.txt as "user operation type name", without comments and blank lines.
plan() {
  grep -Ev '^[[:space:]]*(#|$)' "$1"
}
