"""scraping: runs, snapshots, observations, review items, verifications; one rule timeline per origin

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 02:20:28.595407

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('scrape_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=12), nullable=False),
    sa.Column('replay', sa.String(length=500), nullable=True),
    sa.Column('observations', sa.Integer(), nullable=False),
    sa.Column('agreements', sa.Integer(), nullable=False),
    sa.Column('review_items', sa.Integer(), nullable=False),
    sa.Column('changes', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('fetches', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scrape_runs'))
    )
    with op.batch_alter_table('scrape_runs', schema=None) as batch_op:
        batch_op.create_index('ix_scrape_runs_source_started', ['source', 'started_at'], unique=False)

    op.create_table('snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('request_key', sa.String(length=120), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('retrieved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=120), nullable=True),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['scrape_runs.id'], name=op.f('fk_snapshots_run_id_scrape_runs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_snapshots')),
    sa.UniqueConstraint('source', 'request_key', 'content_hash', name=op.f('uq_snapshots_source'))
    )
    with op.batch_alter_table('snapshots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_snapshots_run_id'), ['run_id'], unique=False)

    op.create_table('observations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('native_id', sa.String(length=200), nullable=False),
    sa.Column('jurisdiction_id', sa.String(length=200), nullable=False),
    sa.Column('substance', sa.String(length=8), nullable=True),
    sa.Column('claim', sa.JSON(), nullable=False),
    sa.Column('source_url', sa.String(length=2000), nullable=False),
    sa.Column('retrieved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('excerpt', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['scrape_runs.id'], name=op.f('fk_observations_run_id_scrape_runs')),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshots.id'], name=op.f('fk_observations_snapshot_id_snapshots')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observations'))
    )
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.create_index('ix_observations_place', ['jurisdiction_id', 'substance'], unique=False)
        batch_op.create_index(batch_op.f('ix_observations_run_id'), ['run_id'], unique=False)

    op.create_table('review_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('observation_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('jurisdiction_id', sa.String(length=200), nullable=False),
    sa.Column('substance', sa.String(length=8), nullable=False),
    sa.Column('claimed_status', sa.String(length=12), nullable=False),
    sa.Column('current_status', sa.String(length=12), nullable=True),
    sa.Column('current_rule_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.Column('rule_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['current_rule_id'], ['rules.id'], name=op.f('fk_review_items_current_rule_id_rules')),
    sa.ForeignKeyConstraint(['jurisdiction_id'], ['jurisdictions.id'], name=op.f('fk_review_items_jurisdiction_id_jurisdictions')),
    sa.ForeignKeyConstraint(['observation_id'], ['observations.id'], name=op.f('fk_review_items_observation_id_observations')),
    sa.ForeignKeyConstraint(['rule_id'], ['rules.id'], name=op.f('fk_review_items_rule_id_rules')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_items'))
    )
    with op.batch_alter_table('review_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_items_jurisdiction_id'), ['jurisdiction_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_items_state'), ['state'], unique=False)

    op.create_table('rule_verifications',
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=False),
    sa.Column('observation_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['observation_id'], ['observations.id'], name=op.f('fk_rule_verifications_observation_id_observations')),
    sa.ForeignKeyConstraint(['rule_id'], ['rules.id'], name=op.f('fk_rule_verifications_rule_id_rules'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rule_id', 'source', name=op.f('pk_rule_verifications'))
    )
    with op.batch_alter_table('rules', schema=None) as batch_op:
        batch_op.drop_index('uq_rules_active_start')
        batch_op.create_index('uq_rules_active_start', ['jurisdiction_id', 'substance', 'effective_from', 'origin'], unique=True, sqlite_where=sa.text('retired_at IS NULL'), postgresql_where=sa.text('retired_at IS NULL'))



def downgrade():
    with op.batch_alter_table('rules', schema=None) as batch_op:
        batch_op.drop_index('uq_rules_active_start')
        batch_op.create_index('uq_rules_active_start', ['jurisdiction_id', 'substance', 'effective_from'], unique=True, sqlite_where=sa.text('retired_at IS NULL'), postgresql_where=sa.text('retired_at IS NULL'))

    op.drop_table('rule_verifications')
    with op.batch_alter_table('review_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_items_state'))
        batch_op.drop_index(batch_op.f('ix_review_items_jurisdiction_id'))

    op.drop_table('review_items')
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_observations_run_id'))
        batch_op.drop_index('ix_observations_place')

    op.drop_table('observations')
    with op.batch_alter_table('snapshots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_snapshots_run_id'))

    op.drop_table('snapshots')
    with op.batch_alter_table('scrape_runs', schema=None) as batch_op:
        batch_op.drop_index('ix_scrape_runs_source_started')

    op.drop_table('scrape_runs')
