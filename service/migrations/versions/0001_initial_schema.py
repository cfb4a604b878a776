"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 01:30:32.623209

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('job_locks',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('holder', sa.String(length=120), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_job_locks'))
    )
    op.create_table('jurisdictions',
    sa.Column('id', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=80), nullable=False),
    sa.Column('parent_id', sa.String(length=200), nullable=True),
    sa.Column('codes', sa.JSON(), nullable=False),
    sa.Column('law_file', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['jurisdictions.id'], name=op.f('fk_jurisdictions_parent_id_jurisdictions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jurisdictions'))
    )
    with op.batch_alter_table('jurisdictions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jurisdictions_level'), ['level'], unique=False)
        batch_op.create_index(batch_op.f('ix_jurisdictions_parent_id'), ['parent_id'], unique=False)

    op.create_table('meta',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_meta'))
    )
    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('url', name=op.f('uq_sources_url'))
    )
    op.create_table('proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('jurisdiction_id', sa.String(length=200), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('substances', sa.JSON(), nullable=False),
    sa.Column('identifier', sa.String(length=80), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('stage', sa.String(length=24), nullable=False),
    sa.Column('proposed_status', sa.String(length=12), nullable=True),
    sa.Column('min_age', sa.Integer(), nullable=True),
    sa.Column('last_action', sa.String(length=300), nullable=True),
    sa.Column('last_action_date', sa.Date(), nullable=True),
    sa.Column('last_action_precision', sa.String(length=5), nullable=True),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('confidence', sa.String(length=8), nullable=False),
    sa.Column('last_verified', sa.Date(), nullable=False),
    sa.Column('origin', sa.String(length=40), nullable=False),
    sa.Column('origin_ref', sa.String(length=300), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['jurisdiction_id'], ['jurisdictions.id'], name=op.f('fk_proposals_jurisdiction_id_jurisdictions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposals'))
    )
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposals_jurisdiction_id'), ['jurisdiction_id'], unique=False)

    op.create_table('rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('jurisdiction_id', sa.String(length=200), nullable=False),
    sa.Column('substance', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('min_age', sa.Integer(), nullable=True),
    sa.Column('covers', sa.JSON(), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=True),
    sa.Column('effective_from_precision', sa.String(length=5), nullable=True),
    sa.Column('effective_until', sa.Date(), nullable=True),
    sa.Column('effective_until_precision', sa.String(length=5), nullable=True),
    sa.Column('until_derived', sa.Boolean(), nullable=False),
    sa.Column('date_note', sa.Text(), nullable=True),
    sa.Column('citation', sa.Text(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('confidence', sa.String(length=8), nullable=False),
    sa.Column('last_verified', sa.Date(), nullable=False),
    sa.Column('origin', sa.String(length=40), nullable=False),
    sa.Column('origin_ref', sa.String(length=300), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['jurisdiction_id'], ['jurisdictions.id'], name=op.f('fk_rules_jurisdiction_id_jurisdictions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rules'))
    )
    with op.batch_alter_table('rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rules_jurisdiction_id'), ['jurisdiction_id'], unique=False)
        batch_op.create_index('uq_rules_active_start', ['jurisdiction_id', 'substance', 'effective_from'], unique=True, sqlite_where=sa.text('retired_at IS NULL'), postgresql_where=sa.text('retired_at IS NULL'))

    op.create_table('changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('jurisdiction_id', sa.String(length=200), nullable=False),
    sa.Column('substance', sa.String(length=8), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('material', sa.Boolean(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=True),
    sa.Column('proposal_id', sa.Integer(), nullable=True),
    sa.Column('old_status', sa.String(length=12), nullable=True),
    sa.Column('new_status', sa.String(length=12), nullable=True),
    sa.Column('fields', sa.JSON(), nullable=True),
    sa.Column('old_values', sa.JSON(), nullable=True),
    sa.Column('new_values', sa.JSON(), nullable=True),
    sa.Column('effective_date', sa.Date(), nullable=True),
    sa.Column('detected_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('origin', sa.String(length=40), nullable=False),
    sa.Column('origin_ref', sa.String(length=300), nullable=True),
    sa.Column('dedupe_key', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['jurisdiction_id'], ['jurisdictions.id'], name=op.f('fk_changes_jurisdiction_id_jurisdictions')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_changes_proposal_id_proposals')),
    sa.ForeignKeyConstraint(['rule_id'], ['rules.id'], name=op.f('fk_changes_rule_id_rules')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_changes')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_changes_dedupe_key'))
    )
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_changes_detected_at'), ['detected_at'], unique=False)
        batch_op.create_index('ix_changes_jurisdiction_detected', ['jurisdiction_id', 'detected_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_changes_proposal_id'), ['proposal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_changes_rule_id'), ['rule_id'], unique=False)

    op.create_table('proposal_sources',
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('retrieved_at', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_sources_proposal_id_proposals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_proposal_sources_source_id_sources')),
    sa.PrimaryKeyConstraint('proposal_id', 'position', name=op.f('pk_proposal_sources'))
    )
    with op.batch_alter_table('proposal_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_sources_source_id'), ['source_id'], unique=False)

    op.create_table('rule_sources',
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('retrieved_at', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['rule_id'], ['rules.id'], name=op.f('fk_rule_sources_rule_id_rules'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_rule_sources_source_id_sources')),
    sa.PrimaryKeyConstraint('rule_id', 'position', name=op.f('pk_rule_sources'))
    )
    with op.batch_alter_table('rule_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rule_sources_source_id'), ['source_id'], unique=False)

    meta = sa.table('meta', sa.column('key', sa.String), sa.column('value', sa.String))
    op.bulk_insert(meta, [{'key': 'rules_version', 'value': '0'}])


def downgrade():
    with op.batch_alter_table('rule_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rule_sources_source_id'))

    op.drop_table('rule_sources')
    with op.batch_alter_table('proposal_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_sources_source_id'))

    op.drop_table('proposal_sources')
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_changes_rule_id'))
        batch_op.drop_index(batch_op.f('ix_changes_proposal_id'))
        batch_op.drop_index('ix_changes_jurisdiction_detected')
        batch_op.drop_index(batch_op.f('ix_changes_detected_at'))

    op.drop_table('changes')
    with op.batch_alter_table('rules', schema=None) as batch_op:
        batch_op.drop_index('uq_rules_active_start', sqlite_where=sa.text('retired_at IS NULL'), postgresql_where=sa.text('retired_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_rules_jurisdiction_id'))

    op.drop_table('rules')
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposals_jurisdiction_id'))

    op.drop_table('proposals')
    op.drop_table('sources')
    op.drop_table('meta')
    with op.batch_alter_table('jurisdictions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_jurisdictions_parent_id'))
        batch_op.drop_index(batch_op.f('ix_jurisdictions_level'))

    op.drop_table('jurisdictions')
    op.drop_table('job_locks')
