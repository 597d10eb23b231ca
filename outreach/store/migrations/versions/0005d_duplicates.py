"""households.merged_into, residents.merged_into and the duplicate_pairs table (issue 17)

Revision ID: 0005d
Revises: 0004f
Create Date: 2026-12-01

A merged-away household or resident becomes a tombstone that remembers its survivor
(``merged_into``), so a row still naming it (a visit recorded offline) is re-pointed where it
went. ``duplicate_pairs`` holds the leaders' decisions about pairs the duplicate scan offered:
"not the same" (never offered again), a merge (with what it moved, for its undo), an undo.
"""
import sqlalchemy as sa
from alembic import op

revision = '0005d'
down_revision = '0005b'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('households', 'residents'):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column('merged_into', sa.String(length=36), nullable=True))
        # every sync looks for merged-away rows (store/repoint.py): a partial index holds only them,
        # so the look-up costs nothing on a large ward (a scan of 60,000 residents otherwise)
        op.create_index(f'ix_{table}_merged', table, ['merged_into'], sqlite_where=sa.text('merged_into IS NOT NULL'))
    op.create_table('duplicate_pairs',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('first_id', sa.String(length=36), nullable=True),
    sa.Column('second_id', sa.String(length=36), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('survivor_id', sa.String(length=36), nullable=True),
    sa.Column('merged_id', sa.String(length=36), nullable=True),
    sa.Column('moved', sa.JSON(), nullable=False),
    sa.Column('previous', sa.JSON(), nullable=False),
    sa.Column('decided_by', sa.String(length=36), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('ward_id', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.JSON(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('duplicate_pairs', schema=None) as batch_op:
        batch_op.create_index('ix_duplicate_pairs_server_seq', ['server_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_duplicate_pairs_ward_id'), ['ward_id'], unique=False)


def downgrade() -> None:
    op.drop_table('duplicate_pairs')
    for table in ('residents', 'households'):
        op.drop_index(f'ix_{table}_merged', table_name=table)
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column('merged_into')
