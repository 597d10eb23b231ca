"""Drop the indexes of the shared entity tables that only the laptops' queries use.

Revision ID: s0002
Revises: s0001
Create Date: 2026-11-28

The entity tables come from the model shared with the client, whose indexes serve the laptop's
screens (visits by household, by week, by volunteer; residents by personal id ...). The server
never asks those questions: it looks rows up by id, pulls by (ward_id, server_seq) through its
own ``ix_srv_*_ward_seq`` indexes, and reads max(server_seq) per table (``status``). Each extra
index is written on every pushed row; dropping them makes applying a 500-row batch about a
quarter quicker. ``server_seq`` indexes stay.
"""

from alembic import op

revision = "s0002"
down_revision = "s0001"
branch_labels = None
depends_on = None

#: (table, index) as the model names them at s0001.
CLIENT_QUERY_INDEXES = (
    ("filings", "ix_filings_procedure_code"), ("filings", "ix_filings_resident_id"), ("filings", "ix_filings_visit_id"),
    ("filings", "ix_filings_ward_id"),
    ("households", "ix_households_group_id"), ("households", "ix_households_ward_id"),
    ("procedures", "ix_procedures_ward_id"),
    ("residential_groups", "ix_residential_groups_ward_id"),
    ("residents", "ix_residents_household_id"), ("residents", "ix_residents_household_live"), ("residents", "ix_residents_personal_id"),
    ("residents", "ix_residents_ward_id"),
    ("team_members", "ix_team_members_team_id"), ("team_members", "ix_team_members_ward_id"),
    ("teams", "ix_teams_ward_id"),
    ("visits", "ix_visits_follow_up_date"), ("visits", "ix_visits_household_id"), ("visits", "ix_visits_household_last"),
    ("visits", "ix_visits_review_status"), ("visits", "ix_visits_started_at"), ("visits", "ix_visits_team_id"),
    ("visits", "ix_visits_volunteer_id"), ("visits", "ix_visits_ward_id"),
    ("wards", "ix_wards_ward_id"),
    ("week_locks", "ix_week_locks_team_id"), ("week_locks", "ix_week_locks_ward_id"),
)


def upgrade() -> None:
    for _table, index in CLIENT_QUERY_INDEXES:
        op.execute(f'DROP INDEX IF EXISTS "{index}"')


def downgrade() -> None:
    for _table, index in CLIENT_QUERY_INDEXES:
        op.execute(f'DROP INDEX IF EXISTS "{index}"')  # then recreated from the model
    from outreach.server.schema import entity_tables

    wanted = {index for _table, index in CLIENT_QUERY_INDEXES}
    bind = op.get_bind()
    for entity_table in entity_tables():
        for entity_index in entity_table.indexes:
            if entity_index.name in wanted:
                entity_index.create(bind)
