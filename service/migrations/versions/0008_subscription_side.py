"""subscriptions remember whether their place lies inside a city

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('subscriptions') as batch:
        batch.add_column(sa.Column('incorporated', sa.Boolean(), nullable=True))
    with op.batch_alter_table('signup_requests') as batch:
        batch.add_column(sa.Column('incorporated', sa.Boolean(), nullable=True))


def downgrade():
    with op.batch_alter_table('signup_requests') as batch:
        batch.drop_column('incorporated')
    with op.batch_alter_table('subscriptions') as batch:
        batch.drop_column('incorporated')
