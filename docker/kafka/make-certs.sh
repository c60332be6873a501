#!/bin/bash
# Writes the TLS material of docker-compose.secure.yml to docker/kafka/secrets/ (git ignores it), with keytool (JDK):
#   ca.p12              a local CA (its private key signs the broker's certificate; keep it or delete it)
#   kafka.keystore.p12  the broker's key and certificate (CN=kafka, SAN kafka and localhost), signed by the CA
#   truststore.p12      the CA's certificate, for the services, the init container and the broker
# The stores are protected with TLS_STORE_PASSWORD, read from the environment or from the env file given:
#   docker/kafka/make-certs.sh docker/kafka/secure.env
# Existing files are kept; delete docker/kafka/secrets/ to make new ones (then restart the whole stack).
set -euo pipefail
cd "$(dirname "$0")"
if [[ $# -gt 0 ]]; then
  TLS_STORE_PASSWORD=$(sed -n 's/^TLS_STORE_PASSWORD=//p' "$1" | tail -1)
fi
: "${TLS_STORE_PASSWORD:?set TLS_STORE_PASSWORD or name the env file (docker/kafka/secure.env.example)}"
[[ $TLS_STORE_PASSWORD =~ ^[A-Za-z0-9_-]{16,}$ ]] \
  || { echo "TLS_STORE_PASSWORD must be 16 or more letters, digits, '-' or '_'" >&2; exit 1; }
command -v keytool > /dev/null || { echo "keytool (from a JDK) is needed" >&2; exit 1; }

mkdir -p secrets
cd secrets
if [[ -e kafka.keystore.p12 ]]; then
  echo "docker/kafka/secrets/ already holds a keystore; delete the directory to make new ones"
  exit 0
fi
export TLS_STORE_PASSWORD
store=(-storetype PKCS12 -storepass:env TLS_STORE_PASSWORD)

keytool -genkeypair -alias ca -dname "CN=dbaas-pipeline local CA" -keyalg EC -groupname secp384r1 -validity 825 \
  -ext bc:c=ca:true -ext ku:c=keyCertSign,cRLSign -keystore ca.p12 "${store[@]}"
keytool -exportcert -rfc -alias ca -keystore ca.p12 "${store[@]}" -file ca.crt

keytool -genkeypair -alias kafka -dname "CN=kafka" -keyalg EC -groupname secp384r1 -validity 825 \
  -keystore kafka.keystore.p12 "${store[@]}"
keytool -certreq -alias kafka -keystore kafka.keystore.p12 "${store[@]}" -file kafka.csr
keytool -gencert -alias ca -keystore ca.p12 "${store[@]}" -infile kafka.csr -outfile kafka.crt -rfc -validity 825 \
  -ext san=dns:kafka,dns:localhost -ext ku:c=digitalSignature,keyAgreement -ext eku=serverAuth,clientAuth
keytool -importcert -noprompt -alias ca -file ca.crt -keystore kafka.keystore.p12 "${store[@]}"
keytool -importcert -noprompt -alias kafka -file kafka.crt -keystore kafka.keystore.p12 "${store[@]}"

keytool -importcert -noprompt -alias ca -file ca.crt -keystore truststore.p12 "${store[@]}"
rm -f kafka.csr
# The containers run as other users (appuser in kafka, 10001 in the services); the stores are password-protected.
chmod 644 kafka.keystore.p12 truststore.p12 ca.crt kafka.crt
chmod 600 ca.p12
echo "Wrote $(pwd)/{ca.p12,kafka.keystore.p12,truststore.p12}"
