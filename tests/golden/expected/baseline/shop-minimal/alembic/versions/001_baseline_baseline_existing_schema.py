"""baseline existing schema

Revision ID: 001_baseline
Revises: 
Create Date: 2026-01-01 00:00:00 UTC

Existing Schema:
    Tables: audit_logs, categories, events (+2 partitions), order_items,
            orders, products, user_profiles, users
    Total records: not known (no COPY or INSERT data in the dump, no --stats)

Purpose:
    Register the current schema as the initial version without executing
    DDL, enabling incremental migrations from this point forward.

How to Apply:
    The tables already exist: record this revision without running it,
        $ alembic stamp 001_baseline
    or, as a DBA without Alembic, run the stamp script written with it:
        $ psql -v ON_ERROR_STOP=1 -f 001_baseline_stamp.sql
"""
from typing import Sequence, Union

# A baseline runs no operations, so Alembic's usual `from alembic import op`
# and `import sqlalchemy as sa` are left out; add them in later revisions.


# revision identifiers, used by Alembic.
revision: str = '001_baseline'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Baseline migration: marks the existing schema as the initial version.

    This migration does NOT make changes to the database.
    Tables already exist and will not be modified.
    """
    pass


def downgrade() -> None:
    """No downgrade for a baseline.

    There is no state before the initial version to revert to.
    """
    pass
