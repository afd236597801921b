"""Where an attachment's bytes come from, by the link intake stored for it.

- `upload:<key>`: bytes a channel already had (the web form's uploads; an email backend
  that holds attachment bytes), staged in the file store by `stage_upload`;
- `whatsapp-media:<id>`: WhatsApp Cloud API media, looked up through the Graph API with
  our token;
- `https://...`: a provider's link on a host we download from (MEDIA_LINK_HOSTS: Meta's
  CDNs for Messenger and Instagram by default), or under a credential's prefix: Twilio
  MMS/WhatsApp media with the account's basic auth, Graph email attachments with a token.

Every download is bounded (`limit` bytes, a timeout) and errors map to three kinds:
worth retrying, gone for good, or too large.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

import requests

from contact_hub.storage.media.files import FileMissing, FileStore

UPLOAD_PREFIX = "upload:"
WHATSAPP_PREFIX = "whatsapp-media:"
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    """An attachment's bytes and the type its provider declared (never trusted)."""

    data: bytes
    declared_type: str | None = None


class MediaUnavailable(Exception):
    """The provider or store did not answer as it should now; try again later."""


class MediaGone(Exception):
    """The link will never give the file (expired, deleted, not ours to read)."""


class MediaTooLarge(Exception):
    """The file is over the size limit; it is not downloaded further."""


class MediaSource(Protocol):
    """Fetches the bytes behind the links it `handles`."""

    def handles(self, url: str) -> bool: ...

    def fetch(self, url: str, limit: int) -> Fetched: ...


STAGED_PREFIX = "incoming"


def stage_upload(store: FileStore, data: bytes, content_type: str) -> str:
    """Keep bytes a channel already holds until the media job takes them; return the link
    to store as the attachment's URL (the small interface for the web form and email)."""
    key = f"{STAGED_PREFIX}/{secrets.token_hex(16)}"
    store.put(key, data, content_type)
    return UPLOAD_PREFIX + key


def staged_key(url: str) -> str | None:
    """The file store key of a staged upload's link, else None."""
    return url.removeprefix(UPLOAD_PREFIX) if url.startswith(UPLOAD_PREFIX) else None


class StagedUploads:
    """Bytes staged in the file store by `stage_upload`."""

    def __init__(self, store: FileStore) -> None:
        self.store = store

    def handles(self, url: str) -> bool:
        return url.startswith(UPLOAD_PREFIX)

    def fetch(self, url: str, limit: int) -> Fetched:
        try:
            data = self.store.get(url.removeprefix(UPLOAD_PREFIX))
        except FileMissing:
            raise MediaGone("the staged upload is no longer in the file store") from None
        if len(data) > limit:
            raise MediaTooLarge(f"over {limit} bytes")
        return Fetched(data)


Auth = Callable[[], dict[str, str]]  # headers for a request (a bearer token, fetched fresh)


@dataclass(frozen=True)
class Credential:
    """Credentials for links under `prefix`: basic auth, or headers made per request."""

    prefix: str
    basic: tuple[str, str] | None = None
    headers: Auth | None = None
    suffix: str = ""  # added to the link for the raw bytes (Graph's `/$value`)


class WebLinks:
    """Links over HTTP(S) to the providers' media hosts only (Meta's CDNs, and each
    credential's prefix: Twilio, Graph), never to anywhere a link happens to point."""

    def __init__(
        self, timeout: float, credentials: Sequence[Credential] = (),
        hosts: Sequence[str] = (), session: requests.Session | None = None,
    ) -> None:
        self.timeout = timeout
        self.credentials = list(credentials)
        self.hosts = tuple(host.lower().strip(".") for host in hosts)
        self.http = session or requests.Session()

    def handles(self, url: str) -> bool:
        if any(url.startswith(c.prefix) for c in self.credentials):
            return True
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        return parts.scheme in ("https", "http") and any(
            host == allowed or host.endswith("." + allowed) for allowed in self.hosts)

    def fetch(self, url: str, limit: int) -> Fetched:
        credential = next((c for c in self.credentials if url.startswith(c.prefix)), None)
        headers = credential.headers() if credential and credential.headers else {}
        auth = credential.basic if credential else None
        link = url.split("#", 1)[0] + (credential.suffix if credential else "")
        return download(self.http, link, limit, self.timeout, headers, auth)


class WhatsAppCloudMedia:
    """WhatsApp Cloud API media: `GET /{media-id}` gives a short-lived URL, which is then
    downloaded with the same token (both through the Graph API)."""

    def __init__(
        self, graph_base_url: str, token: str, timeout: float,
        session: requests.Session | None = None,
    ) -> None:
        self.base = graph_base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.http = session or requests.Session()

    def handles(self, url: str) -> bool:
        return url.startswith(WHATSAPP_PREFIX)

    def fetch(self, url: str, limit: int) -> Fetched:
        media_id = url.removeprefix(WHATSAPP_PREFIX)
        if not media_id.isdigit():
            raise MediaGone("not a WhatsApp media id")
        headers = {"Authorization": f"Bearer {self.token}"}
        info = _json(_get(self.http, f"{self.base}/{media_id}", self.timeout, headers, None))
        link = info.get("url")
        if not isinstance(link, str) or not link.startswith(("https://", "http://")):
            raise MediaGone("Meta gave no download link for the media")
        if _int(info.get("file_size")) > limit:
            raise MediaTooLarge(f"over {limit} bytes")
        fetched = download(self.http, link, limit, self.timeout, headers, None)
        declared = info.get("mime_type")
        return Fetched(fetched.data, declared if isinstance(declared, str) else None)


def download(
    http: requests.Session, url: str, limit: int, timeout: float,
    headers: dict[str, str], auth: tuple[str, str] | None,
) -> Fetched:
    """GET `url`, reading at most `limit` bytes (a larger file is refused, not kept)."""
    response = _get(http, url, timeout, headers, auth, stream=True)
    with response:
        if _int(response.headers.get("Content-Length")) > limit:
            raise MediaTooLarge(f"over {limit} bytes")
        data = bytearray()
        try:
            for chunk in response.iter_content(CHUNK_BYTES):
                data.extend(chunk)
                if len(data) > limit:
                    raise MediaTooLarge(f"over {limit} bytes")
        except requests.RequestException as error:
            raise MediaUnavailable(f"download cut off: {type(error).__name__}") from error
    declared = response.headers.get("Content-Type")
    return Fetched(bytes(data), declared.split(";")[0].strip() if declared else None)


def _get(
    http: requests.Session, url: str, timeout: float, headers: dict[str, str],
    auth: tuple[str, str] | None, *, stream: bool = False,
) -> requests.Response:
    try:
        response = http.get(url, headers=headers, auth=auth, timeout=timeout, stream=stream,
                            allow_redirects=True)
    except requests.RequestException as error:
        raise MediaUnavailable(f"provider unreachable: {type(error).__name__}") from error
    if response.status_code in (429,) or response.status_code >= 500:
        response.close()
        raise MediaUnavailable(f"provider answered HTTP {response.status_code}")
    if response.status_code >= 400:
        response.close()
        raise MediaGone(f"provider answered HTTP {response.status_code}")
    return response


def _json(response: requests.Response) -> dict[str, Any]:
    try:
        payload = response.json()
    except ValueError:
        raise MediaGone("the provider's answer was not JSON") from None
    return payload if isinstance(payload, dict) else {}


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
