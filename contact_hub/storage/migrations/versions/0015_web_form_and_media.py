"""web form and media: where a contact's replies go when not to its sender on its own
channel (the web form's email or text; a public comment's private reply), and the media
job's record of each attachment kept in the file store

Revision ID: 0015_web_form_and_media
Revises: 0014
Create Date: 2026-12-03 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_web_form_and_media"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reply_channel", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("reply_to", sa.String(length=320), nullable=True))
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=20), nullable=False,
                                      server_default="pending"))
        batch_op.add_column(sa.Column("filename", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("detected_type", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("size_bytes", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("stored_key", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("error", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("attempts", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("kept_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_attachments_status", ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index("ix_attachments_status")
        for name in ("kept_at", "attempts", "error", "stored_key", "sha256", "size_bytes",
                     "detected_type", "filename", "status"):
            batch_op.drop_column(name)
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("reply_to")
        batch_op.drop_column("reply_channel")
