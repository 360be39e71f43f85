# Sourced by kafka.sh and processes.sh: sets java_bin to the same JDK 21+ as ./mvnw picks when JAVA_HOME is unset or
# older (these machines default to 17).
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
