"""baseline existing schema

Revision ID: 001_baseline
Revises: 
Create Date: 2026-01-01 00:00:00 UTC

Source:
    Dump: shop.sql
    pg_dump 15.18 (Debian 15.18-0+deb12u1)
    PostgreSQL server 15.18 (Debian 15.18-0+deb12u1)
    Written by pgbaseline 0.1.0

Existing Schema:
    Included Tables:
        - audit_logs
          Unlogged
          Columns: id, table_name, action, changed_at
          Constraints: PK(id)

        - categories: Product catalogue tree
          Columns: id, parent_id, name
          Constraints: PK(id), UNIQUE(name), FK(parent_id) → categories.id

        - events
          Partitioned by RANGE (occurred_at)
          Partitions: events_2025, events_2026
          Columns: id, occurred_at, user_id, kind, payload
          Constraints: PK(id, occurred_at), FK(user_id) → users.id
          Indexes: ix_events_kind

        - order_items: Order lines: many-to-many between orders and products
          Columns: order_id, product_id, quantity, unit_price
          Constraints: PK(order_id, product_id),
              FK(order_id) → orders.id CASCADE,
              FK(product_id) → products.id RESTRICT, CHECK(quantity > 0)

        - orders: Customer orders
          Row level security: enabled
          Columns: id, user_id, status, total_amount, note, placed_at
          Constraints: PK(id), FK(user_id) → users.id CASCADE,
              CHECK(total_amount >= 0::numeric)
          Indexes: ix_orders_status, ix_orders_user_date

        - products: Product catalog
          Columns: id, sku, name, description, price, category_id, metadata,
              tags, weight_grams, shipping_class, volume_ml
          Constraints: PK(id), FK(category_id) → categories.id SET NULL,
              CHECK(price >= 0::numeric)
          Indexes: ix_products_metadata (GIN), ix_products_name,
              ix_products_sku (UNIQUE)

        - user_profiles: One profile per user — optional details
          Columns: user_id, display_name, bio, locale
          Constraints: PK(user_id), FK(user_id) → users.id CASCADE

        - users: User accounts and authentication
          Columns: id, email, username, password_hash, is_active, created_at
          Constraints: PK(id), UNIQUE(email, username)
          Indexes: ix_users_created_at, ix_users_lower_username

    Relationships:
        - categories ← categories (One-to-Many, NO ACTION)
        - users ← events (One-to-Many, NO ACTION)
        - orders ↔ products (Many-to-Many via order_items)
        - users ← orders (One-to-Many, CASCADE)
        - categories ← products (One-to-Many, SET NULL)
        - users ← user_profiles (One-to-One, CASCADE)

    Data Volume: not known (no COPY or INSERT data in the dump, no --stats)

    Other Objects:
        Schemas: public
        Views: active_users, sales_summary (materialized)
        Sequences: audit_logs_id_seq, categories_id_seq, events_id_seq,
            orders_id_seq, products_id_seq, users_id_seq
        Types: email_address (domain), money_amount (composite),
            order_status (enum)
        Functions: log_change(), order_total(bigint)
        Triggers: orders_audit on orders
        Policies: orders_owner on orders
        Extensions: citext, pgcrypto

Tracked Tables (Alembic manages):
    categories, events, events_2025, events_2026, order_items, orders,
    products, user_profiles, users

Untracked Tables (manually managed, outside Alembic):
    audit_logs

Schema Fingerprint:
    sha256v2:08ce4c8e7e468bdb3d5371a683003b3d66c2aeb973394cb36598e37b09906d79

Purpose:
    Register the current schema as the initial version without executing
    DDL, enabling incremental migrations from this point forward.
    Untracked tables are documented here but managed outside Alembic.

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
