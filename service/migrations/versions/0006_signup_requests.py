"""signup requests: sign-ups as they arrived, settled by the sender

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('signup_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('place_label', sa.String(length=200), nullable=False),
    sa.Column('chain', sa.Text(), nullable=False),
    sa.Column('scheduled', sa.Boolean(), nullable=False),
    sa.Column('proposals', sa.Boolean(), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signup_requests'))
    )


def downgrade():
    op.drop_table('signup_requests')
