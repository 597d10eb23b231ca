"""initial schema: synced entities, local tables, household search index

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

from outreach.store import search_index

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.String(length=36), nullable=True),
    sa.Column('actor_name', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)

    op.create_table('device_clock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('drafts',
    sa.Column('id', sa.String(length=60), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('filings',
    sa.Column('visit_id', sa.String(length=36), nullable=True),
    sa.Column('resident_id', sa.String(length=36), nullable=True),
    sa.Column('procedure_code', sa.String(length=20), nullable=False),
    sa.Column('dossier', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('fee_paid_online', sa.Boolean(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('ward_id', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.JSON(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('filings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_filings_procedure_code'), ['procedure_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_filings_resident_id'), ['resident_id'], unique=False)
        batch_op.create_index('ix_filings_server_seq', ['server_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_filings_visit_id'), ['visit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_filings_ward_id'), ['ward_id'], unique=False)

    op.create_table('households',
    sa.Column('group_id', sa.String(length=36), nullable=True),
    sa.Column('address', sa.JSON(), nullable=False),
    sa.Column('head_name', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('elderly_alone', sa.Boolean(), nullable=False),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('policy_family', sa.Boolean(), nullable=False),
    sa.Column('poor_household', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('ward_id', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.JSON(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_households_group_id'), ['group_id'], unique=False)
        batch_op.create_index('ix_households_server_seq', ['server_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_households_ward_id'), ['ward_id'], unique=False)

    op.create_table('needs_attention',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('reason_code', sa.String(length=60), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('rejected_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('change_id')
    )
    op.create_table('outbox',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('bases', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('change_id')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_entity_id'), ['entity_id'], unique=False)

    op.create_table('procedures',
    sa.Column('name_vi', sa.String(length=300), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=False),
    sa.Column('field_vi', sa.String(length=100), nullable=False),
    sa.Column('field_en', sa.String(length=100), nullable=False),
    sa.Column('online_level', sa.String(length=10), nullable=False),
    sa.Column('essential', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('ward_id', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.JSON(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('procedures', schema=None) as batch_op:
        batch_op.create_index('ix_procedures_server_seq', ['server_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_procedures_ward_id'), ['ward_id'], unique=False)

    op.create_table('residential_groups',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('ward_id', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.JSON(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('residential_groups', schema=None) as batch_op:
        batch_op.create_index('ix_residential_groups_server_seq', ['server_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_residential_groups_ward_id'), ['ward_id'], unique=False)

    op.create_table('residents',
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('sex', sa.String(length=5), nullable=True),
    sa.Column('personal_id', sa.String(length=12), nullable=True),
    sa.Column('old_id', sa.String(length=9), nullable=True),
    sa.Column('relation_to_head', sa.String(length=50), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('vneid_level', sa.Integer(), nullable=False),
    sa.Column('consent_given_at', sa.DateTime(), nullable=True),
    sa.Column('consent_withdrawn_at', sa.DateTime(), nullable=True),
    sa.Column('consent_detail', sa.JSON(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('ward_id', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.JSON(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('residents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_residents_household_id'), ['household_id'], unique=False)
        batch_op.create_index('ix_residents_household_live', ['household_id', 'deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_residents_personal_id'), ['personal_id'], unique=False)
        batch_op.create_index('ix_residents_server_seq', ['server_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_residents_ward_id'), ['ward_id'], unique=False)

    op.create_table('sync_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cursor', sa.Integer(), nullable=False),
    sa.Column('last_attempt_at', sa.DateTime(), nullable=True),
    sa.Column('last_success_at', sa.DateTime(), nullable=True),
    sa.Column('last_error_code', sa.String(length=60), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('team_members',
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('ward_id', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.JSON(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('team_members', schema=None) as batch_op:
        batch_op.create_index('ix_team_members_server_seq', ['server_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_members_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_members_ward_id'), ['ward_id'], unique=False)

    op.create_table('teams',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('contact_phone', sa.String(length=20), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('ward_id', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.JSON(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.create_index('ix_teams_server_seq', ['server_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_teams_ward_id'), ['ward_id'], unique=False)

    op.create_table('visits',
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('volunteer_id', sa.String(length=36), nullable=True),
    sa.Column('members_present', sa.JSON(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('outcome', sa.String(length=30), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('follow_up_date', sa.Date(), nullable=True),
    sa.Column('follow_up_done', sa.Boolean(), nullable=False),
    sa.Column('satisfaction', sa.Integer(), nullable=True),
    sa.Column('review_status', sa.String(length=20), nullable=False),
    sa.Column('review_note', sa.Text(), nullable=False),
    sa.Column('reviewed_by', sa.String(length=36), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('ward_id', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.JSON(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visits_follow_up_date'), ['follow_up_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_household_id'), ['household_id'], unique=False)
        batch_op.create_index('ix_visits_household_last', ['household_id', 'deleted', 'started_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_review_status'), ['review_status'], unique=False)
        batch_op.create_index('ix_visits_server_seq', ['server_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_started_at'), ['started_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_volunteer_id'), ['volunteer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_ward_id'), ['ward_id'], unique=False)

    op.create_table('wards',
    sa.Column('code', sa.String(length=5), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=False),
    sa.Column('province_name', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('ward_id', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.JSON(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('wards', schema=None) as batch_op:
        batch_op.create_index('ix_wards_server_seq', ['server_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_wards_ward_id'), ['ward_id'], unique=False)

    op.create_table('week_locks',
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('iso_week', sa.String(length=8), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('changed_by', sa.String(length=36), nullable=True),
    sa.Column('changed_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('ward_id', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.JSON(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('week_locks', schema=None) as batch_op:
        batch_op.create_index('ix_week_locks_server_seq', ['server_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_week_locks_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_week_locks_ward_id'), ['ward_id'], unique=False)

    op.execute(search_index.CREATE_SQL)


def downgrade() -> None:
    op.execute(f"DROP TABLE IF EXISTS {search_index.FTS_TABLE}")
    with op.batch_alter_table('week_locks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_week_locks_ward_id'))
        batch_op.drop_index(batch_op.f('ix_week_locks_team_id'))
        batch_op.drop_index('ix_week_locks_server_seq')

    op.drop_table('week_locks')
    with op.batch_alter_table('wards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wards_ward_id'))
        batch_op.drop_index('ix_wards_server_seq')

    op.drop_table('wards')
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visits_ward_id'))
        batch_op.drop_index(batch_op.f('ix_visits_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_visits_team_id'))
        batch_op.drop_index(batch_op.f('ix_visits_started_at'))
        batch_op.drop_index('ix_visits_server_seq')
        batch_op.drop_index(batch_op.f('ix_visits_review_status'))
        batch_op.drop_index('ix_visits_household_last')
        batch_op.drop_index(batch_op.f('ix_visits_household_id'))
        batch_op.drop_index(batch_op.f('ix_visits_follow_up_date'))

    op.drop_table('visits')
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teams_ward_id'))
        batch_op.drop_index('ix_teams_server_seq')

    op.drop_table('teams')
    with op.batch_alter_table('team_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_members_ward_id'))
        batch_op.drop_index(batch_op.f('ix_team_members_team_id'))
        batch_op.drop_index('ix_team_members_server_seq')

    op.drop_table('team_members')
    op.drop_table('sync_state')
    with op.batch_alter_table('residents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_residents_ward_id'))
        batch_op.drop_index('ix_residents_server_seq')
        batch_op.drop_index(batch_op.f('ix_residents_personal_id'))
        batch_op.drop_index('ix_residents_household_live')
        batch_op.drop_index(batch_op.f('ix_residents_household_id'))

    op.drop_table('residents')
    with op.batch_alter_table('residential_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_residential_groups_ward_id'))
        batch_op.drop_index('ix_residential_groups_server_seq')

    op.drop_table('residential_groups')
    with op.batch_alter_table('procedures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procedures_ward_id'))
        batch_op.drop_index('ix_procedures_server_seq')

    op.drop_table('procedures')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_entity_id'))

    op.drop_table('outbox')
    op.drop_table('needs_attention')
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_households_ward_id'))
        batch_op.drop_index('ix_households_server_seq')
        batch_op.drop_index(batch_op.f('ix_households_group_id'))

    op.drop_table('households')
    with op.batch_alter_table('filings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_filings_ward_id'))
        batch_op.drop_index(batch_op.f('ix_filings_visit_id'))
        batch_op.drop_index('ix_filings_server_seq')
        batch_op.drop_index(batch_op.f('ix_filings_resident_id'))
        batch_op.drop_index(batch_op.f('ix_filings_procedure_code'))

    op.drop_table('filings')
    op.drop_table('drafts')
    op.drop_table('device_clock')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))

    op.drop_table('audit_log')
