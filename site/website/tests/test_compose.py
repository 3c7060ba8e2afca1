"""docker-compose.yml read as data (no Docker engine here): the default stack and the `ha` profile."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
HA_SERVICES = {
    "ha-balancer",
    "ha-web-1",
    "ha-web-2",
    "ha-worker",
    "ha-scheduler",
    "ha-postgres",
    "ha-postgres-replica",
    "ha-redis",
    "ha-es-1",
    "ha-es-2",
    "ha-es-3",
    "ha-minio-1",
    "ha-minio-2",
    "ha-minio-init",
}


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def _started_by(services, name, seen=None):
    """``name`` and every service that starting it starts (depends_on, transitively)."""
    seen = set() if seen is None else seen
    seen.add(name)
    for dependency in services[name].get("depends_on", {}):
        if dependency not in seen:
            _started_by(services, dependency, seen)
    return seen


def test_the_ha_profile_is_a_stack_of_its_own_beside_the_default_one(services):
    profiled = {name for name, service in services.items() if service.get("profiles")}
    assert profiled == HA_SERVICES
    assert all(services[name]["profiles"] == ["ha"] for name in HA_SERVICES)
    default = set(services) - HA_SERVICES
    assert {"web", "postgres", "redis", "elasticsearch", "minio"} <= default
    # `docker compose --profile ha up ha-balancer` starts every service of the profile.
    assert _started_by(services, "ha-balancer") - default == HA_SERVICES
    for name, service in services.items():
        assert set(service.get("depends_on", {})) <= set(services), name


def test_every_named_volume_is_declared(compose, services):
    declared = set(compose["volumes"])
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if not source.startswith("."):
                assert source in declared, (name, source)
            else:
                assert (ROOT / source).exists(), (name, source)


def test_two_web_replicas_behind_the_apache_balancer(services):
    conf = (ROOT / "deploy/apache/ha-balancer.conf").read_text()
    mounted = services["ha-balancer"]["volumes"][0].split(":")
    assert mounted[:2] == ["./deploy/apache/ha-balancer.conf", "/usr/local/apache2/conf/httpd.conf"]
    assert "mod_proxy_balancer.so" in conf
    assert set(re.findall(r'BalancerMember "http://([\w-]+):8000"', conf)) == {"ha-web-1", "ha-web-2"}
    first, second = services["ha-web-1"]["environment"], services["ha-web-2"]["environment"]
    # Only one replica migrates, so two never race on the schema.
    assert (first["VT_MIGRATE_ON_START"], second["VT_MIGRATE_ON_START"]) == ("1", "0")
    assert first["TRUSTED_PROXY_COUNT"] == "1"
    assert "ha-web-1" in services["ha-web-2"]["depends_on"]


def test_postgresql_streams_to_a_replica(services):
    primary = services["ha-postgres"]
    assert "wal_level=replica" in primary["command"]
    assert any("docker-entrypoint-initdb.d" in volume for volume in primary["volumes"])
    replica = " ".join(services["ha-postgres-replica"]["command"])
    assert "pg_basebackup --host=ha-postgres --username=replicator" in replica
    assert "--write-recovery-conf" in replica and "--slot=ha_replica" in replica
    init = (ROOT / "deploy/compose/postgres-primary-init.sh").read_text()
    assert "WITH REPLICATION" in init and "host replication replicator" in init
    # The application talks to the primary only (README: why it does not read from the replica).
    for name in ("ha-web-1", "ha-web-2", "ha-worker", "ha-scheduler"):
        assert "@ha-postgres:5432/" in services[name]["environment"]["DATABASE_URL"]


def test_redis_keeps_an_append_only_file(services):
    command = services["ha-redis"]["command"]
    assert command[command.index("--appendonly") + 1] == "yes"
    assert services["ha-redis"]["volumes"] == ["ha-redis-data:/data"]


def test_minio_is_distributed_over_two_nodes_and_four_drives(services):
    nodes = ["ha-minio-1", "ha-minio-2"]
    commands = {tuple(services[name]["command"]) for name in nodes}
    assert len(commands) == 1  # every node starts with the same list of drives
    (endpoints,) = [arg for arg in commands.pop() if arg.startswith("http://")]
    assert endpoints == "http://ha-minio-{1...2}/data{1...2}"
    for name in nodes:
        assert sorted(v.split(":")[1] for v in services[name]["volumes"]) == ["/data1", "/data2"]
        assert services[name]["networks"]["default"]["aliases"] == ["ha-minio"]
    assert services["ha-web-1"]["environment"]["AWS_S3_ENDPOINT_URL"].endswith("//ha-minio:9000}")


def test_elasticsearch_is_a_three_node_cluster_with_replicas(services):
    nodes = ["ha-es-1", "ha-es-2", "ha-es-3"]
    for name in nodes:
        environment = services[name]["environment"]
        assert environment["node.name"] == name
        assert environment["cluster.name"] == "vt-ha"
        assert environment["discovery.seed_hosts"].split(",") == nodes
        assert "discovery.type" not in environment
        assert services[name]["networks"]["default"]["aliases"] == ["ha-elasticsearch"]
    web = services["ha-web-1"]["environment"]
    assert web["ELASTICSEARCH_URL"] == "http://ha-elasticsearch:9200"
    assert int(web["ELASTICSEARCH_REPLICAS"]) >= 1


def test_the_scheduler_keeps_backups_on_a_volume_of_their_own(compose, services):
    scheduler = services["scheduler"]
    assert scheduler["environment"]["BACKUP_DIR"] == "/var/backups/vt"
    assert "backups:/var/backups/vt" in scheduler["volumes"]
    assert "backups" in compose["volumes"]


def test_postgresql_runs_the_major_version_of_the_images_pg_dump(services):
    """The image's pg_dump is Debian bookworm's 15, and a dump needs a client at least as new as the
    server: every PostgreSQL of the file runs 15."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "postgresql-client" in dockerfile
    images = {services[name]["image"] for name in services if "postgres" in name}
    assert images == {"postgres:15"}
