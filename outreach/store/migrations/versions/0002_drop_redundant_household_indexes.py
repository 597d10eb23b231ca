"""drop the household_id indexes of visits and residents (a composite index starts with each)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

ix_visits_household_last (household_id, deleted, started_at) and ix_residents_household_live
(household_id, deleted) answer every look-up by household the single-column indexes did (SQLite
uses the leading column of a composite index), so those were written on every insert for
nothing: a first pull of the large ward inserts 160,000 such rows (~0.7 s of its 10 s budget).
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute('DROP INDEX IF EXISTS ix_visits_household_id')
    op.execute('DROP INDEX IF EXISTS ix_residents_household_id')


def downgrade() -> None:
    op.create_index('ix_visits_household_id', 'visits', ['household_id'], unique=False)
    op.create_index('ix_residents_household_id', 'residents', ['household_id'], unique=False)
