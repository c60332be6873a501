#!/bin/bash
# Writes the TLS material of docker-compose.secure.yml to docker/kafka/secrets/ (git ignores it), with keytool (JDK):
#   ca.p12                a local CA (its private key signs the nodes' certificates; keep it to add a node later)
#   kafka-N.keystore.p12  for each node kafka-1..3: its key and certificate, signed by the CA
#   truststore.p12        the CA's certificate, for the services, the init container and the nodes
# One certificate per node rather than one with every name: a node's private key is mounted into that node's container
# only, so a key taken from one container cannot pose as the other two nodes. Each certificate names the node's
# compose host (kafka-N: what it advertises and what the quorum calls it), the network alias kafka that every node
# answers to (tools started with kafka:9092 reach any of them) and localhost (each node's health check); its
# extended key usage covers client authentication too, since the controller listener asks for the nodes' certificates.
# The stores are protected with TLS_STORE_PASSWORD, read from the environment or from the env file given:
#   docker/kafka/make-certs.sh docker/kafka/secure.env
# Existing files are kept, missing ones are made (a new node's keystore needs ca.p12); delete docker/kafka/secrets/ to
# make everything new (then remove the nodes' volumes and restart the whole stack). kafka.keystore.p12 from the
# one-node override is not used any more.
set -euo pipefail
cd "$(dirname "$0")"
if [[ $# -gt 0 ]]; then
  TLS_STORE_PASSWORD=$(sed -n 's/^TLS_STORE_PASSWORD=//p' "$1" | tail -1)
fi
: "${TLS_STORE_PASSWORD:?set TLS_STORE_PASSWORD or name the env file (docker/kafka/secure.env.example)}"
[[ $TLS_STORE_PASSWORD =~ ^[A-Za-z0-9_-]{16,}$ ]] \
  || { echo "TLS_STORE_PASSWORD must be 16 or more letters, digits, '-' or '_'" >&2; exit 1; }
command -v keytool > /dev/null || { echo "keytool (from a JDK) is needed" >&2; exit 1; }

# The Kafka services of docker-compose.yml (ComposeDriftTest checks this list against them).
nodes=(kafka-1 kafka-2 kafka-3)

mkdir -p secrets
cd secrets
export TLS_STORE_PASSWORD
store=(-storetype PKCS12 -storepass:env TLS_STORE_PASSWORD)
written=()

if [[ ! -e ca.p12 ]]; then
  for node in "${nodes[@]}"; do
    [[ ! -e $node.keystore.p12 ]] \
      || { echo "$node.keystore.p12 exists but ca.p12 is gone: delete docker/kafka/secrets/ to start over" >&2; exit 1; }
  done
  keytool -genkeypair -alias ca -dname "CN=dbaas-pipeline local CA" -keyalg EC -groupname secp384r1 -validity 825 \
    -ext bc:c=ca:true -ext ku:c=keyCertSign,cRLSign -keystore ca.p12 "${store[@]}"
  rm -f truststore.p12
  written+=(ca.p12)
fi
keytool -exportcert -rfc -alias ca -keystore ca.p12 "${store[@]}" -file ca.crt

if [[ ! -e truststore.p12 ]]; then
  keytool -importcert -noprompt -alias ca -file ca.crt -keystore truststore.p12 "${store[@]}"
  written+=(truststore.p12)
fi

for node in "${nodes[@]}"; do
  keystore=$node.keystore.p12
  [[ ! -e $keystore ]] || continue
  keytool -genkeypair -alias "$node" -dname "CN=$node" -keyalg EC -groupname secp384r1 -validity 825 \
    -keystore "$keystore" "${store[@]}"
  keytool -certreq -alias "$node" -keystore "$keystore" "${store[@]}" -file "$node.csr"
  keytool -gencert -alias ca -keystore ca.p12 "${store[@]}" -infile "$node.csr" -outfile "$node.crt" -rfc \
    -validity 825 -ext "san=dns:$node,dns:kafka,dns:localhost" -ext ku:c=digitalSignature,keyAgreement \
    -ext eku=serverAuth,clientAuth
  keytool -importcert -noprompt -alias ca -file ca.crt -keystore "$keystore" "${store[@]}"
  keytool -importcert -noprompt -alias "$node" -file "$node.crt" -keystore "$keystore" "${store[@]}"
  rm -f "$node.csr"
  written+=("$keystore")
done

# The containers run as other users (appuser in kafka, 10001 in the services); the stores are password-protected.
chmod 644 ./*.keystore.p12 truststore.p12 ./*.crt
chmod 600 ca.p12
if [[ ${#written[@]} -eq 0 ]]; then
  echo "docker/kafka/secrets/ already holds the CA, the truststore and a keystore per node; nothing to do"
else
  (IFS=,; echo "Wrote $(pwd)/{${written[*]}}")
fi
