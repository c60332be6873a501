# Shared by broker.sh and init.sh (sourced, bash). Nothing here prints a password.

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
