"""The living catalogue: a procedure's portal id, channels, fees, papers and validity dates

Revision ID: 0004c
Revises: 0003
Create Date: 2026-12-01

The office now maintains the catalogue (issue 11): every field a catalogue entry carries syncs
like any other. All columns are nullable: rows seeded before this have none of them, and the
readers take a missing value as empty.
"""
import sqlalchemy as sa
from alembic import op

revision = '0004c'
down_revision = '0003'
branch_labels = None
depends_on = None

def _new_columns() -> tuple[sa.Column, ...]:  # fresh objects: a Column belongs to one table
    return (
        sa.Column('formality_id', sa.String(length=36), nullable=True),
        sa.Column('case_codes', sa.JSON(), nullable=True),
        sa.Column('short_name', sa.String(length=100), nullable=True),
        sa.Column('executing_body', sa.String(length=300), nullable=True),
        sa.Column('channels', sa.JSON(), nullable=True),
        sa.Column('province_overrides', sa.JSON(), nullable=True),
        sa.Column('papers', sa.JSON(), nullable=True),
        sa.Column('any_commune', sa.Boolean(), nullable=True),
        sa.Column('effective_from', sa.Date(), nullable=True),
        sa.Column('repealed_from', sa.Date(), nullable=True),
        sa.Column('replaced_by', sa.String(length=20), nullable=True),
    )


def upgrade() -> None:
    with op.batch_alter_table('procedures') as batch_op:
        for column in _new_columns():
            batch_op.add_column(column)


def downgrade() -> None:
    with op.batch_alter_table('procedures') as batch_op:
        for column in reversed(_new_columns()):
            batch_op.drop_column(column.name)
