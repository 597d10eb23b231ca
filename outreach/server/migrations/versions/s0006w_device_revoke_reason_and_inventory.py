"""devices: why a laptop was revoked (retired | lost), when it stopped, and what it held;
wards.app_lock (the app lock, as on the laptops: client migration 0005w).

Revision ID: s0006w
Revises: s0005f
Create Date: 2026-12-01

A laptop revoked as *lost* is told to destroy its data on its next contact; one revoked as
*retired* may push what it has, then stops (``stopped_at``). ``held_seq`` / ``held_at`` /
``held`` keep, per device, what its last completed pull left on it: the breach inventory a
72-hour notice needs (``outreach-server device inventory``). s0001 builds ``devices`` from the
model as it is when it runs, so only a database made before this change gets the columns here.
"""

import sqlalchemy as sa

revision = "s0006w"
down_revision = "s0006d"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from outreach.server.migration_steps import add_missing_columns

    add_missing_columns("devices", [sa.Column("revoke_reason", sa.String(length=20), nullable=True),
                                    sa.Column("stopped_at", sa.DateTime(), nullable=True),
                                    sa.Column("held_seq", sa.BigInteger(), nullable=True),
                                    sa.Column("held_at", sa.DateTime(), nullable=True),
                                    sa.Column("held", sa.JSON(), nullable=True)])
    add_missing_columns("wards", [sa.Column("app_lock", sa.Boolean(), nullable=True)])


def downgrade() -> None:
    from alembic import op

    with op.batch_alter_table("wards") as batch_op:
        batch_op.drop_column("app_lock")
    with op.batch_alter_table("devices") as batch_op:
        for name in ("held", "held_at", "held_seq", "stopped_at", "revoke_reason"):
            batch_op.drop_column(name)
