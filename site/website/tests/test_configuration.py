"""The README's configuration table, the settings, .env.example and the compose file agree."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
ENV_READ = re.compile(r"env_(?:str|bool|int|list)\(\s*\"([A-Z0-9_]+)\"")


def documented_variables():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in table.splitlines():
        if line.startswith("| `"):
            names.update(re.findall(r"`([A-Z][A-Z0-9_]+)`", line.split("|")[1]))
    return names


def variables_read_by_settings():
    names = set()
    for path in [*(ROOT / "site" / "config" / "settings").glob("*.py")]:
        names.update(ENV_READ.findall(path.read_text()))
    return names


def test_every_setting_variable_is_in_the_readme_table():
    missing = variables_read_by_settings() - documented_variables()
    assert not missing, f"add to the README configuration table: {sorted(missing)}"


def test_env_example_lists_only_documented_variables():
    names = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert names
    assert names <= documented_variables(), sorted(names - documented_variables())


def test_compose_file_parses_and_uses_documented_variables():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "postgres", "elasticsearch", "minio", "redis"} <= set(services)
    assert services["worker"]["command"] == ["worker"]
    assert services["scheduler"]["command"] == ["scheduler"]
    for name in ("web", "worker"):
        assert set(services[name]["environment"]) <= documented_variables(), name
    assert services["web"]["environment"]["ELASTICSEARCH_ANALYSIS_PROFILE"] == "full"


def test_dockerfile_runs_as_non_root_with_a_healthcheck():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "FROM ${PYTHON_IMAGE} AS runtime" in dockerfile
    assert "USER vt" in dockerfile
    assert "/healthz" in dockerfile
    assert "PYTHONPATH=/app/site:/app" in dockerfile
    assert (ROOT / "deploy" / "docker" / "entrypoint.sh").exists()
    assert "requirements/production.txt" in dockerfile


def test_scheduler_runs_commands_that_exist():
    from django.core.management import get_commands

    entrypoint = (ROOT / "deploy" / "docker" / "entrypoint.sh").read_text()
    jobs = re.search(r"for job in (.+?); do", entrypoint, re.S).group(1)
    commands = [job.split()[0] for job in re.findall(r'"([^"]+)"', jobs)]
    assert "maintenance_tick" in commands
    assert "monitor_rollup" in commands
    assert set(commands) <= set(get_commands()), set(commands) - set(get_commands())


def test_the_monitor_mode_runs_a_round_a_minute_in_its_own_service():
    from django.core.management import get_commands

    entrypoint = (ROOT / "deploy" / "docker" / "entrypoint.sh").read_text()
    mode = re.search(r"\n    monitor\)\n(.+?)\n        ;;", entrypoint, re.S).group(1)
    assert "python manage.py monitor " in mode and "VT_MONITOR_INTERVAL:-60" in mode
    assert "monitor" in get_commands()
    assert 'command: ["monitor"]' in (ROOT / "docker-compose.yml").read_text()
