"""The file store for residents' media: a directory under CONTACT_HUB_HOME by default, an
S3-compatible bucket when MEDIA_S3_BUCKET is set (boto3, the optional `s3` extra)."""
