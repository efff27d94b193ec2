#!/usr/bin/env bash
# Creates the service's topics on a real Kafka cluster (kafka-topics.sh from the Kafka
# distribution). Size partitions for the promotion peak: workers never exceed partitions.
set -euo pipefail
bootstrap=${1:?usage: topics.sh BOOTSTRAP_SERVERS [PARTITIONS]}
partitions=${2:-48}
for topic in support.inbound support.replies support.escalations support.agent-events support.refund-requests support.deadletter; do
    kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
        --partitions "$partitions" --replication-factor 3 --config min.insync.replicas=2
done
