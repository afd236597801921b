"""Media benchmark: web form sends (text only, and with a photo) through the app, and the
media job keeping photos downloaded from a local host, on PostgreSQL and Redis.

    .venv/bin/python bench/media.py [--sends 200] [--photos 100] [--photo-kb 500]

In-process (Flask's test client, the job called directly), so the figures are the
service's own cost per send and per file, without a network or gunicorn in front. Needs
PostgreSQL at 127.0.0.1:5432 (database `bench_media`, made and dropped here) and Redis at
127.0.0.1:6379 (database 14, flushed).
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from contact_hub.app import create_app  # noqa: E402
from contact_hub.bootstrap import build  # noqa: E402
from contact_hub.settings import Settings  # noqa: E402
from contact_hub.storage import models  # noqa: E402
from contact_hub.storage.db import upgrade  # noqa: E402
from tests.fakes.media_host import MediaHost  # noqa: E402

ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_media"
FIELD = re.compile(r'name="(csrf_token|submission)" type="hidden" value="([^"]+)"')


def photo(kilobytes: int) -> bytes:
    side = 64
    while True:  # noise compresses badly, so the size grows with the side
        out = io.BytesIO()
        Image.effect_noise((side, side), 80).convert("RGB").save(out, "JPEG", quality=95)
        if out.tell() >= kilobytes * 1024:
            return out.getvalue()
        side = int(side * 1.3)


def fresh_database() -> None:
    admin = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS bench_media"))
        connection.execute(text("CREATE DATABASE bench_media"))
    admin.dispose()
    upgrade(DATABASE)


def sends(client, count: int, files: bytes | None) -> list[float]:
    took = []
    for n in range(count):
        fields = dict(FIELD.findall(client.get("/contact").get_data(as_text=True)))
        data = {**fields, "description": f"The boiler is broken, flat {n}",
                "reply_by": "email", "email": f"resident{n}@example.org"}
        if files:
            data["photos"] = [(io.BytesIO(files), "damp.jpg")]
        started = time.perf_counter()
        answer = client.post("/contact", data=data, content_type="multipart/form-data")
        took.append(time.perf_counter() - started)
        assert answer.status_code == 200, answer.status_code
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sends", type=int, default=200)
    parser.add_argument("--photos", type=int, default=100)
    parser.add_argument("--photo-kb", type=int, default=500)
    args = parser.parse_args()
    fresh_database()
    host = MediaHost().start()
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(environment="test", home=Path(home), database_url=DATABASE,
                            redis_url="redis://127.0.0.1:6379/14", web_form_per_hour=10**4,
                            media_link_hosts=("127.0.0.1",))
        container = build(settings)
        container.redis.flushdb()
        client = create_app(container=container).test_client()
        image = photo(args.photo_kb)
        plain = sends(client, args.sends, None)
        with_photo = sends(client, max(1, args.sends // 4), image)
        with container.sessions() as session:
            contact_id = session.query(models.Contact.id).first()[0]  # type: ignore[index]
            for n in range(args.photos):
                session.add(models.Attachment(contact_id=contact_id, content_type="image/jpeg",
                                              url=host.host(f"/m/{n}.jpg", image, "image/jpeg")))
            session.commit()
        started = time.perf_counter()
        container.media.keep(contact_id)
        keeping = time.perf_counter() - started
        container.close()
    host.stop()
    ms = [t * 1000 for t in plain]
    ms_photo = [t * 1000 for t in with_photo]
    print(f"web form, text only: {len(ms)} sends, median {statistics.median(ms):.1f} ms, "
          f"p95 {statistics.quantiles(ms, n=20)[18]:.1f} ms")
    print(f"web form, one {len(image) // 1024} KB photo: {len(ms_photo)} sends, median "
          f"{statistics.median(ms_photo):.1f} ms")
    print(f"media job: {args.photos} files of {len(image) // 1024} KB downloaded, checked and "
          f"kept in {keeping:.2f} s ({args.photos / keeping:.0f} files/s)")


if __name__ == "__main__":
    main()
