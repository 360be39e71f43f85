#!/usr/bin/env bash
# Starts Apache Kafka (KRaft) from the project's own build, nothing downloaded beyond Maven's registry:
#   infra/deploy/kafka.sh                       one broker on 127.0.0.1:9092
#   infra/deploy/kafka.sh --cluster 3           three brokers, each its own JVM, on 127.0.0.1:19092-19094
#   infra/deploy/kafka.sh --cluster 3 --secure  the same with SASL/SCRAM-SHA-512 and ACLs: creates each service's
#                                               user and grants (io.techex.platform.events.KafkaAccess), and prints
#                                               each service's settings. Passwords: TECHEX_KAFKA_ADMIN_PASSWORD and
#                                               TECHEX_KAFKA_<SERVICE>_PASSWORD if set, random otherwise
#   options: --port P, --controller-port C (cluster), --data-dir D (keep the data; otherwise it is deleted at exit)
# Runs in the foreground; Ctrl-C or SIGTERM stops every broker it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
classpath_file=infra/testkit/target/kafka-classpath.txt
secure=false port=9092
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --secure) secure=true ;;
    --port) port="${args[$((i + 1))]:-}" ;;
    --cluster) cluster_port_default=19092 cluster_size="${args[$((i + 1))]:-3}" ;;
  esac
done
if [ "$secure" = true ]; then
  # The test kit holds the broker (io.techex.testkit.KafkaBrokerMain), the platform who may do what; -am builds what
  # they depend on
  ./mvnw -q -pl infra/testkit,infra/platform -am compile dependency:build-classpath \
    -Dmdep.outputFile=target/kafka-classpath.txt -Dmdep.includeScope=runtime
else
  ./mvnw -q -pl infra/testkit -am compile dependency:build-classpath \
    -Dmdep.outputFile=target/kafka-classpath.txt -Dmdep.includeScope=runtime
fi
# java_bin: the same JDK 21+ as ./mvnw picks
source infra/deploy/java.sh
classpath="infra/testkit/target/classes:$(cat "$classpath_file")"
if [ "$secure" != true ]; then
  exec "$java_bin" -Xmx512m -cp "$classpath" io.techex.testkit.KafkaBrokerMain "$@"
fi
random_password() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }
export TECHEX_KAFKA_ADMIN_PASSWORD="${TECHEX_KAFKA_ADMIN_PASSWORD:-$(random_password)}"
for service in LISTING BIDDING CONTRACT AUDIT NOTIFICATION; do
  variable="TECHEX_KAFKA_${service}_PASSWORD"
  export "$variable=${!variable:-$(random_password)}"
done
if [ "$port" = 9092 ] && [ -n "${cluster_port_default:-}" ]; then port="$cluster_port_default"; fi
if [ -z "${cluster_port_default:-}" ]; then echo "--secure needs --cluster N" >&2; exit 2; fi
"$java_bin" -Xmx512m -cp "$classpath" io.techex.testkit.KafkaBrokerMain "$@" &
kafka_pid=$!
trap 'kill -TERM "$kafka_pid" 2>/dev/null' INT TERM
# Users and ACLs once the cluster answers (the admin client waits for it); the super user is admin
bootstrap=""
for ((n = 0; n < cluster_size; n++)); do bootstrap="${bootstrap:+$bootstrap,}127.0.0.1:$((port + n))"; done
export TECHEX_KAFKA_BOOTSTRAP_SERVERS="$bootstrap"
if ! "$java_bin" -Xmx256m -Dlogback.configurationFile=infra/testkit/src/main/resources/io/techex/testkit/kafka-broker-logback.xml -cp "infra/platform/target/classes:$(cat infra/platform/target/kafka-classpath.txt)" \
    io.techex.platform.events.KafkaAccess; then
  echo "Creating the services' Kafka users and ACLs failed; stopping Kafka" >&2
  kill -TERM "$kafka_pid"
fi
echo "Kafka super user admin, password $TECHEX_KAFKA_ADMIN_PASSWORD (for kafka-acls and the like)"
while kill -0 "$kafka_pid" 2>/dev/null; do wait "$kafka_pid" || true; done
