"""Two-phase enrolment (devices.pending, devices.code_hash), the demo_wards table, and ward
digests recounted now that a row's hash covers its values (protocol 2).

Revision ID: s0004
Revises: s0003
Create Date: 2026-12-01

s0001 builds every table from the model as it is when it runs, so a database created after this
change already has them; only one created before it gets them here. Devices enrolled before it
are active (``pending`` false): they confirmed in the old single-phase way.
"""

import sqlalchemy as sa
from alembic import op

revision = "s0004"
down_revision = "s0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    columns = {c["name"] for c in inspector.get_columns("devices")}
    if "pending" not in columns:
        op.add_column("devices", sa.Column("pending", sa.Boolean(), nullable=False, server_default=sa.false()))
    if "code_hash" not in columns:
        op.add_column("devices", sa.Column("code_hash", sa.String(length=64), nullable=True))
    if "demo_wards" not in inspector.get_table_names():
        op.create_table(
            "demo_wards",
            sa.Column("ward_id", sa.String(length=36), primary_key=True),
            sa.Column("marked_at", sa.DateTime(), nullable=False),
        )
    from outreach.server.digests import recount_ward_digests

    recount_ward_digests(op.get_bind())


def downgrade() -> None:
    op.drop_table("demo_wards")
    with op.batch_alter_table("devices") as batch_op:
        batch_op.drop_column("code_hash")
        batch_op.drop_column("pending")
