"""law model: activities, conditions, product limits, scope, basis, dates known by; source kinds;
related law; research trail

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 12:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

rules = sa.table(
    'rules',
    sa.column('id', sa.Integer), sa.column('status', sa.String), sa.column('min_age', sa.Integer),
    sa.column('activities', sa.JSON), sa.column('conditions', sa.JSON),
)


def _activities(status, min_age):
    """What rules recorded before activities existed said, in the new terms."""
    if status == 'banned':
        return dict.fromkeys(('possess', 'buy', 'sell', 'make'), 'prohibited'), None
    if status == 'unknown':
        return dict.fromkeys(('possess', 'buy', 'sell', 'make'), 'unknown'), None
    if status == 'regulated':
        buy = 'age_limited' if min_age else 'conditions'
        return ({'possess': 'allowed', 'buy': buy, 'sell': 'conditions', 'make': 'conditions'},
                ['as recorded before conditions were itemised'])
    if status == 'restricted' and min_age:
        return {'possess': 'allowed', 'buy': 'age_limited', 'sell': 'allowed', 'make': 'allowed'}, None
    if status == 'restricted':
        return {'possess': 'allowed', 'buy': 'allowed', 'sell': 'allowed', 'make': 'prohibited'}, None
    return dict.fromkeys(('possess', 'buy', 'sell', 'make'), 'allowed'), None


def upgrade():
    with op.batch_alter_table('jurisdictions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('research', sa.JSON(), nullable=True))
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=12), nullable=True))
    with op.batch_alter_table('rules', schema=None) as batch_op:
        batch_op.add_column(sa.Column('activities', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('conditions', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('product_limits', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('scope', sa.String(length=16), server_default='whole', nullable=False))
        batch_op.add_column(sa.Column('basis', sa.String(length=24), server_default='specific_law', nullable=False))
        batch_op.add_column(sa.Column('in_force_by', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('conflict', sa.Text(), nullable=True))
    op.create_table('related_laws',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('jurisdiction_id', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('compounds', sa.JSON(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=True),
    sa.Column('effective_from_precision', sa.String(length=5), nullable=True),
    sa.Column('effective_until', sa.Date(), nullable=True),
    sa.Column('citation', sa.Text(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('last_verified', sa.Date(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['jurisdiction_id'], ['jurisdictions.id'], name=op.f('fk_related_laws_jurisdiction_id_jurisdictions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_related_laws'))
    )
    with op.batch_alter_table('related_laws', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_related_laws_jurisdiction_id'), ['jurisdiction_id'], unique=False)
    connection = op.get_bind()
    for row in connection.execute(sa.select(rules.c.id, rules.c.status, rules.c.min_age)):
        activities, conditions = _activities(row.status, row.min_age)
        connection.execute(
            rules.update().where(rules.c.id == row.id).values(activities=activities, conditions=conditions)
        )


def downgrade():
    with op.batch_alter_table('related_laws', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_related_laws_jurisdiction_id'))
    op.drop_table('related_laws')
    with op.batch_alter_table('rules', schema=None) as batch_op:
        for name in ('conflict', 'in_force_by', 'basis', 'scope', 'product_limits', 'conditions', 'activities'):
            batch_op.drop_column(name)
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_column('kind')
    with op.batch_alter_table('jurisdictions', schema=None) as batch_op:
        batch_op.drop_column('research')
