"""The office console's people accounts and their server-side sessions; devices.app_version and
devices.last_push_rejected (what a laptop's last push said, shown on the console's Laptops page).

Revision ID: s0006k
Revises: s0006g (chained after the audit trail once h/privacy was merged in)
Create Date: 2026-12-01

s0001 builds every table from the model as it is when it runs, so a database created after this
change already has both tables; only one created before it gets them here.
"""

import sqlalchemy as sa
from alembic import op

revision = "s0006k"
down_revision = "s0006g"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from outreach.server.migration_steps import add_missing_columns

    add_missing_columns("devices", [sa.Column("app_version", sa.String(length=40), nullable=True),
                                    sa.Column("last_push_rejected", sa.Integer(), nullable=True)])
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "console_accounts" not in present:
        op.create_table(
            "console_accounts",
            sa.Column("id", sa.String(length=36), primary_key=True),
            sa.Column("login", sa.String(length=80), nullable=False, unique=True),
            sa.Column("display_name", sa.String(length=200), nullable=False),
            sa.Column("role", sa.String(length=20), nullable=False),
            sa.Column("ward_id", sa.String(length=36), nullable=True),
            sa.Column("team_id", sa.String(length=36), nullable=True),
            sa.Column("password_hash", sa.String(length=200), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("disabled_at", sa.DateTime(), nullable=True),
            sa.Column("failed_logins", sa.Integer(), nullable=False),
            sa.Column("locked_until", sa.DateTime(), nullable=True),
        )
    if "console_sessions" not in present:
        op.create_table(
            "console_sessions",
            sa.Column("token_hash", sa.String(length=64), primary_key=True),
            sa.Column("account_id", sa.String(length=36), nullable=False, index=True),
            sa.Column("csrf_token", sa.String(length=64), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        )


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch_op:
        batch_op.drop_column("last_push_rejected")
        batch_op.drop_column("app_version")
    op.drop_table("console_sessions")
    op.drop_table("console_accounts")
