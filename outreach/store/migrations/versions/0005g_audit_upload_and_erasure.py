"""The audit trail reaches the office; erasure reaches every laptop (issue 14)

Revision ID: 0005g
Revises: 0004f
Create Date: 2026-12-01

audit_log gains the event id the office keys its append-only copy by (events recorded before
this get one here), the record it is about (by id) and when it was uploaded. residents.erased_at
is set by the office when it erases a person; erasures_applied remembers which erasures this
laptop has already scrubbed from its outbox, drafts, search index and backups.
"""
import sqlalchemy as sa
from alembic import op

revision = '0005g'
down_revision = '0005r'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from outreach.model.ids import uuid7

    with op.batch_alter_table('audit_log') as batch_op:
        batch_op.add_column(sa.Column('event_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('target_kind', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('target_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('uploaded_at', sa.DateTime(), nullable=True))
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.text('SELECT id FROM audit_log ORDER BY id'))]
    for row_id in ids:
        bind.execute(sa.text('UPDATE audit_log SET event_id = :e WHERE id = :i'), {'e': uuid7(), 'i': row_id})
    op.create_index('ix_audit_log_event_id', 'audit_log', ['event_id'], unique=True)
    op.create_index('ix_audit_log_uploaded_at', 'audit_log', ['uploaded_at'])
    with op.batch_alter_table('residents') as batch_op:
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(), nullable=True))
    op.create_table('erasures_applied',
                    sa.Column('resident_id', sa.String(length=36), nullable=False),
                    sa.Column('applied_at', sa.DateTime(), nullable=False),
                    sa.PrimaryKeyConstraint('resident_id'))


def downgrade() -> None:
    op.drop_table('erasures_applied')
    with op.batch_alter_table('residents') as batch_op:
        batch_op.drop_column('erased_at')
    op.drop_index('ix_audit_log_uploaded_at', table_name='audit_log')
    op.drop_index('ix_audit_log_event_id', table_name='audit_log')
    with op.batch_alter_table('audit_log') as batch_op:
        batch_op.drop_column('uploaded_at')
        batch_op.drop_column('target_id')
        batch_op.drop_column('target_kind')
        batch_op.drop_column('event_id')
