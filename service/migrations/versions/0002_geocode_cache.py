"""geocode cache

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 01:41:12.793946

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('geocode_cache',
    sa.Column('provider', sa.String(length=40), nullable=False),
    sa.Column('query', sa.String(length=250), nullable=False),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('provider', 'query', name=op.f('pk_geocode_cache'))
    )


def downgrade():
    op.drop_table('geocode_cache')
