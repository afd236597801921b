"""Files in an S3-compatible bucket (AWS S3, MinIO, Ceph...), through boto3.

Imported only when MEDIA_S3_BUCKET is set, so boto3 (the `s3` extra) is needed only then.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from contact_hub.storage.media.files import FileMissing, FileStoreUnavailable, check_key

_MISSING = {"NoSuchKey", "404", "NotFound"}


class BucketStore:
    """Objects under `prefix` in `bucket`; every object is private (no public ACL)."""

    name = "s3"

    def __init__(self, bucket: str, prefix: str = "", client: Any = None) -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.client = client

    @classmethod
    def connect(
        cls, bucket: str, prefix: str, *, endpoint_url: str | None, region: str | None,
        access_key_id: str | None, secret_access_key: str | None, timeout: float,
    ) -> BucketStore:
        """A store with its own boto3 client (credentials: these, else boto3's usual chain)."""
        client = boto3.session.Session().client(
            "s3", endpoint_url=endpoint_url, region_name=region,
            aws_access_key_id=access_key_id, aws_secret_access_key=secret_access_key,
            config=Config(connect_timeout=timeout, read_timeout=timeout,
                          retries={"max_attempts": 3, "mode": "standard"}),
        )
        return cls(bucket, prefix, client)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        try:
            self.client.put_object(Bucket=self.bucket, Key=self._key(key), Body=data,
                                   ContentType=content_type)
        except (BotoCoreError, ClientError) as error:
            raise FileStoreUnavailable(f"the media bucket refused a write: {_code(error)}") \
                from error

    def get(self, key: str) -> bytes:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
            return bytes(answer["Body"].read())
        except ClientError as error:
            if _code(error) in _MISSING:
                raise FileMissing(key) from None
            raise FileStoreUnavailable(f"the media bucket refused a read: {_code(error)}") \
                from error
        except BotoCoreError as error:
            raise FileStoreUnavailable("the media bucket could not be reached") from error

    def delete(self, key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self._key(key))
        except (BotoCoreError, ClientError) as error:
            raise FileStoreUnavailable(f"the media bucket refused a delete: {_code(error)}") \
                from error

    def keys_older_than(self, prefix: str, before: datetime, limit: int) -> list[str]:
        found: list[str] = []
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=self._key(prefix.rstrip("/")) + "/")
            for page in pages:
                for item in page.get("Contents", []):
                    if item["LastModified"] < before:
                        found.append(str(item["Key"])[len(self.prefix):])
                    if len(found) >= limit:
                        return found
        except (BotoCoreError, ClientError) as error:
            raise FileStoreUnavailable(f"the media bucket refused a listing: {_code(error)}") \
                from error
        return found

    def _key(self, key: str) -> str:
        return self.prefix + check_key(key)


def _code(error: Exception) -> str:
    if isinstance(error, ClientError):
        return str(error.response.get("Error", {}).get("Code", "error"))
    return type(error).__name__
