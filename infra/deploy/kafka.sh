#!/usr/bin/env bash
# Starts Apache Kafka (KRaft) from the project's own build, nothing downloaded beyond Maven's registry:
#   infra/deploy/kafka.sh                       one broker on 127.0.0.1:9092
#   infra/deploy/kafka.sh --cluster 3           three brokers, each its own JVM, on 127.0.0.1:19092-19094
#   options: --port P, --controller-port C (cluster), --data-dir D (keep the data; otherwise it is deleted at exit)
# Runs in the foreground; Ctrl-C or SIGTERM stops every broker it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
classpath_file=infra/testkit/target/kafka-classpath.txt
# The test kit holds the broker (io.techex.testkit.KafkaBrokerMain); -am builds what it depends on
./mvnw -q -pl infra/testkit -am compile dependency:build-classpath \
  -Dmdep.outputFile=target/kafka-classpath.txt -Dmdep.includeScope=runtime
# The same JDK 21+ as ./mvnw picks when JAVA_HOME is unset or older (these machines default to 17)
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'; }
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/java}"
if [ -z "$java_bin" ] || [ "$(java_major "$java_bin")" -lt 21 ] 2>/dev/null; then
  java_bin="$(command -v java || true)" best=0
  for jdk in /usr/lib/jvm/* /opt/java/*; do
    [ -x "$jdk/bin/java" ] || continue
    major="$(java_major "$jdk/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best" ]; then java_bin="$jdk/bin/java" best="$major"; fi
  done
fi
exec "$java_bin" -Xmx512m -cp "infra/testkit/target/classes:$(cat "$classpath_file")" io.techex.testkit.KafkaBrokerMain "$@"
