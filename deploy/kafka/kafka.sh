#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, combined broker+controller) without Docker.
#   deploy/kafka/kafka.sh start    fetch (once), format (once), start, wait, create topics
#   deploy/kafka/kafka.sh stop     stop the broker this script started
#   deploy/kafka/kafka.sh status
# Jars come from Maven Central through deploy/kafka/pom.xml and are cached outside the repo in
# $ASSIST_HUB_CACHE (default ~/.cache/assist-hub). A broker already answering on the port is reused.
# Environment: KAFKA_PORT (9092), KAFKA_DATA_DIR, INTAKE_PARTITIONS (6), TOPIC_NAMESPACE ("").
# KAFKA_SECURE=true (issue 12): TLS and SASL/SCRAM-SHA-512 on the client listener (a CA of its own, $KAFKA_DATA_DIR/tls/ca.pem),
# PLAIN between the node's broker and controller (loopback), the StandardAuthorizer with no access unless an ACL grants it. Principals and their passwords are
# made once, at format time, in $KAFKA_DATA_DIR/principals.json (deploy/runtime/kafka-principals.ts); the topics
# and the hub's ACLs are provisioned as hub-ops. A data dir formatted one way is never started the other way.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${ASSIST_HUB_CACHE:-$HOME/.cache/assist-hub}"
version="$(sed -n 's#.*<kafka.version>\(.*\)</kafka.version>.*#\1#p' "$here/pom.xml")"
libs="$cache/kafka-$version/libs"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-$((port + 1))}"
data="${KAFKA_DATA_DIR:-$repo/.run/kafka}"
logs="${ASSIST_HUB_LOG_DIR:-$repo/.run/logs}"
pidfile="$data/broker.pid"

log() { printf '[kafka] %s\n' "$*" >&2; }

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

fetch() {
  if [ -f "$libs/.complete" ]; then return; fi
  command -v mvn >/dev/null || { log "Maven (mvn) is needed to fetch Kafka $version"; exit 1; }
  command -v java >/dev/null || { log "Java 17+ is needed to run Kafka"; exit 1; }
  log "fetching org.apache.kafka:kafka_2.13:$version and its dependencies from Maven Central into $libs"
  mkdir -p "$libs"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs" >&2
  touch "$libs/.complete"
}

secure() { [ "${KAFKA_SECURE:-false}" = "true" ]; }
principals="$data/principals.json"

# "name password" lines of the local principals, made (once) by the hub's own list of them.
principal_lines() {
  (cd "$repo" && TS_NODE_TRANSPILE_ONLY=true node -r ts-node/register -r tsconfig-paths/register deploy/runtime/kafka-principals.ts lines "$principals")
}

password_of() { principal_lines | awk -v n="$1" '$1 == n { print $2 }'; }

# KAFKA_OAUTH_UNSECURED=true (tests of the clients' OAUTHBEARER only): the broker also takes OAUTHBEARER with
# Kafka's unsecured-token validator, which believes any token's "sub". Never for data: anyone could claim hub-ops.
oauth_mechanism() { if [ "${KAFKA_OAUTH_UNSECURED:-false}" = "true" ]; then printf ',OAUTHBEARER'; fi; }
oauth_config() {
  if [ "${KAFKA_OAUTH_UNSECURED:-false}" = "true" ]; then
    printf '%s\n' 'listener.name.sasl_ssl.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="hub-broker";'
  fi
}

tls_dir="$data/tls"

# The secure broker's TLS: a CA of its own (tls/ca.pem is what clients trust: KAFKA_TLS_CA_FILE) and a broker
# certificate for 127.0.0.1 and localhost, made once, keys readable by their owner only.
make_tls() {
  [ -f "$tls_dir/broker.pem" ] && return
  command -v openssl >/dev/null || { log "openssl is needed for the secure broker's TLS certificates"; exit 1; }
  mkdir -p "$tls_dir"
  (umask 077
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=assist-hub local CA" -keyout "$tls_dir/ca.key" -out "$tls_dir/ca.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$tls_dir/broker.key" -out "$tls_dir/broker.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$tls_dir/san.ext"
    openssl x509 -req -in "$tls_dir/broker.csr" -CA "$tls_dir/ca.pem" -CAkey "$tls_dir/ca.key" -CAcreateserial -days 3650 -extfile "$tls_dir/san.ext" -out "$tls_dir/broker.crt" 2>/dev/null
    openssl pkcs8 -topk8 -nocrypt -in "$tls_dir/broker.key" -out "$tls_dir/broker.pk8"
    cat "$tls_dir/broker.pk8" "$tls_dir/broker.crt" "$tls_dir/ca.pem" > "$tls_dir/broker.pem")
  chmod 0644 "$tls_dir/ca.pem"
  log "made the secure broker's TLS certificates in $tls_dir (clients trust $tls_dir/ca.pem)"
}

listener_config() {
  # Clients: PLAINTEXT, or TLS with SASL when secure; the node's broker and controller roles talk on loopback.
  local client=PLAINTEXT controller=PLAINTEXT
  if secure; then client=SASL_SSL; controller=SASL_PLAINTEXT; fi
  cat <<PROPS
listeners=$client://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=$client://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=$client
listener.security.protocol.map=$client:$client,CONTROLLER:$controller
PROPS
  secure || return 0
  make_tls
  local broker_password; broker_password="$(password_of hub-broker)"
  cat <<PROPS
ssl.keystore.type=PEM
ssl.keystore.location=$tls_dir/broker.pem
ssl.truststore.type=PEM
ssl.truststore.location=$tls_dir/ca.pem
ssl.client.auth=none
sasl.enabled.mechanisms=SCRAM-SHA-512$(oauth_mechanism)
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="hub-broker" password="$broker_password";
$(oauth_config)
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="hub-broker" password="$broker_password" user_hub-broker="$broker_password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:hub-broker;User:hub-ops
allow.everyone.if.no.acl.found=false
PROPS
}

write_config() {
  mkdir -p "$data/logs" "$logs"
  if secure && [ -f "$data/logs/meta.properties" ] && [ ! -f "$principals" ]; then
    log "$data was formatted without KAFKA_SECURE; use another KAFKA_DATA_DIR for a secure broker"; exit 1
  fi
  if ! secure && [ -f "$principals" ]; then
    log "$data holds a secure broker (principals.json); start it with KAFKA_SECURE=true"; exit 1
  fi
  local listeners; listeners="$(listener_config)"
  (umask 077; cat > "$data/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
$listeners
log.dirs=$data/logs
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.retention.hours=-1
PROPS
  )
}

# --add-scram arguments for every local principal: SCRAM credentials live in the cluster metadata, so the
# first ones are written when the storage is formatted (kafkajs cannot create them later).
scram_arguments() {
  principal_lines | while read -r name password; do
    printf -- '--add-scram\nSCRAM-SHA-512=[name=%s,password=%s]\n' "$name" "$password"
  done
}

java_cmd() {
  java -Xms256m -Xmx${KAFKA_HEAP:-1g} -XX:+UseG1GC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.dir="$logs/kafka" \
    -cp "$libs/*" "$@"
}

create_topics() {
  # Topics of contract sections 1 and 6 plus the hub's internal ones, created with kafkajs' admin API
  # (the server jars carry no topic tool). Needs the npm dependencies, which deploy/hub.sh installs.
  if [ ! -d "$repo/node_modules/kafkajs" ]; then
    log "npm dependencies missing; run deploy/hub.sh (or npm ci) to create the topics"
    return
  fi
  if secure; then
    (cd "$repo" && KAFKA_BROKERS="127.0.0.1:$port" TS_NODE_TRANSPILE_ONLY=true KAFKA_PRINCIPALS_FILE="$principals" \
      node -r ts-node/register -r tsconfig-paths/register deploy/runtime/create-topics.ts)
  else
    (cd "$repo" && KAFKA_BROKERS="127.0.0.1:$port" TS_NODE_TRANSPILE_ONLY=true \
      node -r ts-node/register -r tsconfig-paths/register deploy/runtime/create-topics.ts)
  fi
}

start() {
  if answers; then
    log "a broker already answers on 127.0.0.1:$port; reusing it"
  else
    fetch
    write_config
    if [ ! -f "$data/logs/meta.properties" ]; then
      local cluster_id
      cluster_id="$(java_cmd kafka.tools.StorageTool random-uuid)"
      local scram=()
      if secure; then mapfile -t scram < <(scram_arguments); fi
      java_cmd kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$data/server.properties" "${scram[@]}" >/dev/null
      log "formatted KRaft storage in $data/logs (cluster $cluster_id)"
    fi
    mkdir -p "$logs/kafka"
    # A fixed heap and the parallel collector: on a 2-core host G1's concurrent marking threads took
    # half a core from the hub under load. KAFKA_JVM_OPTS replaces these settings.
    # shellcheck disable=SC2086
    nohup java ${KAFKA_JVM_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC -XX:ParallelGCThreads=1} \
      -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.dir="$logs/kafka" \
      -cp "$libs/*" kafka.Kafka "$data/server.properties" >"$logs/kafka/stdout.log" 2>&1 &
    echo $! > "$pidfile"
    log "starting broker (pid $(cat "$pidfile")), log: $logs/kafka/server.log"
    # A broker whose log folder holds the topics of many earlier test runs loads them all before it answers: over a
    # minute once it held 6.7 GB. Wait up to 5 minutes while it lives, and say why it is slow.
    for i in $(seq 1 600); do
      if answers; then break; fi
      if (( i % 60 == 0 )); then
        log "broker still loading its logs after $((i / 2)) s ($(du -sh "$data/logs" 2>/dev/null | cut -f1) in $data/logs)"
      fi
      if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        log "broker exited; see $logs/kafka/stdout.log and $logs/kafka/server.log"; tail -20 "$logs/kafka/stdout.log" >&2; exit 1
      fi
      sleep 0.5
    done
    answers || { log "broker did not answer on port $port within 300 s"; exit 1; }
    log "broker answers on 127.0.0.1:$port"
  fi
  create_topics
}

stop() {
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    local pid; pid="$(cat "$pidfile")"
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$pidfile"
    log "broker stopped"
  else
    log "no broker started by this script is running"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if answers; then echo "kafka answers on 127.0.0.1:$port"; else echo "kafka is not running on port $port"; exit 1; fi ;;
  fetch) fetch ;;
  *) echo "usage: $0 start|stop|status|fetch" >&2; exit 2 ;;
esac
