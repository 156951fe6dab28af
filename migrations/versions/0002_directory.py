"""directory: organisations, services, locations, taxonomy and the rest, shaped on Open Referral UK v3

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Written for SQLite and PostgreSQL alike: UUIDs are String(36), booleans default to sa.false() (not a
dialect's literal 0), and JSON is SQLAlchemy's portable JSON type. Tables are created parents first and
dropped children first.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "directory_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_type", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source_hash", sa.String(length=64), nullable=False),
        sa.Column("reviewed_by", sa.String(length=120), nullable=True),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('machine-draft', 'human-draft', 'reviewed')", name="ck_directory_translations_status"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("record_type", "record_id", "lang", name="uq_directory_translations_record_lang"),
    )
    op.create_table(
        "organizations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("logo", sa.String(length=500), nullable=True),
        sa.Column("uri", sa.String(length=500), nullable=True),
        sa.Column("parent_organization_id", sa.String(length=36), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("verified", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["parent_organization_id"], ["organizations.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organizations_last_modified"), ["last_modified"], unique=False)
        batch_op.create_index(batch_op.f("ix_organizations_name"), ["name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_organizations_parent_organization_id"), ["parent_organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_organizations_synthetic"), ["synthetic"], unique=False)

    op.create_table(
        "taxonomies",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("uri", sa.String(length=500), nullable=True),
        sa.Column("version", sa.String(length=50), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "locations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("location_type", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("external_identifier", sa.String(length=100), nullable=True),
        sa.Column("external_identifier_type", sa.String(length=50), nullable=True),
        sa.Column("organization_id", sa.String(length=36), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("location_type IN ('physical', 'postal', 'virtual')", name="ck_locations_location_type"),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.create_index("ix_locations_latitude_longitude", ["latitude", "longitude"], unique=False)
        batch_op.create_index(batch_op.f("ix_locations_organization_id"), ["organization_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_locations_synthetic"), ["synthetic"], unique=False)

    op.create_table(
        "services",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("organization_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("accreditations", sa.Text(), nullable=True),
        sa.Column("minimum_age", sa.Integer(), nullable=True),
        sa.Column("maximum_age", sa.Integer(), nullable=True),
        sa.Column("assured_date", sa.Date(), nullable=True),
        sa.Column("assurer_email", sa.String(length=254), nullable=True),
        sa.Column("alert", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.Column("eligibility_description", sa.Text(), nullable=True),
        sa.Column("eligibility_audiences", sa.JSON(), nullable=False),
        sa.Column("referral_needed", sa.Boolean(), nullable=True),
        sa.Column("bsl_video_url", sa.String(length=500), nullable=True),
        sa.Column("easy_read_url", sa.String(length=500), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("verified", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "status IN ('active', 'inactive', 'defunct', 'temporarily closed')", name="ck_services_status"
        ),
        sa.CheckConstraint(
            "minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age", name="ck_services_ages"
        ),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_services_assured_date"), ["assured_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_services_last_modified"), ["last_modified"], unique=False)
        batch_op.create_index(batch_op.f("ix_services_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_services_organization_id"), ["organization_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_services_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_services_synthetic"), ["synthetic"], unique=False)

    op.create_table(
        "taxonomy_terms",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("taxonomy_id", sa.String(length=36), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("parent_id", sa.String(length=36), nullable=True),
        sa.Column("term_uri", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["parent_id"], ["taxonomy_terms.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["taxonomy_id"], ["taxonomies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    with op.batch_alter_table("taxonomy_terms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_taxonomy_terms_taxonomy_id"), ["taxonomy_id"], unique=False)

    op.create_table(
        "accessibility",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("location_id", sa.String(length=36), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("details", sa.Text(), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["location_id"], ["locations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("accessibility", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_accessibility_location_id"), ["location_id"], unique=False)

    op.create_table(
        "addresses",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("location_id", sa.String(length=36), nullable=False),
        sa.Column("attention", sa.String(length=255), nullable=True),
        sa.Column("address_1", sa.String(length=255), nullable=True),
        sa.Column("address_2", sa.String(length=255), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("region", sa.String(length=100), nullable=True),
        sa.Column("state_province", sa.String(length=100), nullable=True),
        sa.Column("postal_code", sa.String(length=16), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("address_type", sa.String(length=16), nullable=False),
        sa.CheckConstraint("address_type IN ('physical', 'postal', 'virtual')", name="ck_addresses_address_type"),
        sa.ForeignKeyConstraint(["location_id"], ["locations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("addresses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_addresses_location_id"), ["location_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_addresses_postal_code"), ["postal_code"], unique=False)

    op.create_table(
        "adviser_notes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("adviser_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_adviser_notes_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_adviser_notes_service_id"), ["service_id"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=True),
        sa.Column("organization_id", sa.String(length=36), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("title", sa.String(length=255), nullable=True),
        sa.Column("department", sa.String(length=255), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_organization_id"), ["organization_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contacts_service_id"), ["service_id"], unique=False)

    op.create_table(
        "cost_options",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("option", sa.String(length=255), nullable=True),
        sa.Column("amount", sa.Numeric(precision=10, scale=2, asdecimal=False), nullable=True),
        sa.Column("amount_description", sa.Text(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cost_options", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cost_options_service_id"), ["service_id"], unique=False)

    op.create_table(
        "service_areas",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("service_area", sa.Text(), nullable=True),
        sa.Column("extent", sa.Text(), nullable=True),
        sa.Column("extent_type", sa.String(length=50), nullable=True),
        sa.Column("uri", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("service_areas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_areas_service_id"), ["service_id"], unique=False)

    op.create_table(
        "service_at_locations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("location_id", sa.String(length=36), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("check_before_use", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("source_date", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["location_id"], ["locations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("service_id", "location_id", name="uq_service_at_locations_pair"),
    )
    with op.batch_alter_table("service_at_locations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_at_locations_location_id"), ["location_id"], unique=False)

    op.create_table(
        "service_attributes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("taxonomy_term_id", sa.String(length=36), nullable=False),
        sa.Column("link_type", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["taxonomy_term_id"], ["taxonomy_terms.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("service_id", "taxonomy_term_id", name="uq_service_attributes_service_term"),
    )
    with op.batch_alter_table("service_attributes", schema=None) as batch_op:
        batch_op.create_index("ix_service_attributes_term_service", ["taxonomy_term_id", "service_id"], unique=False)

    op.create_table(
        "phones",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("contact_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("extension", sa.String(length=20), nullable=True),
        sa.Column("type", sa.String(length=20), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("check_before_use", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("source_date", sa.String(length=64), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contacts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("phones", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phones_contact_id"), ["contact_id"], unique=False)

    op.create_table(
        "schedules",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=True),
        sa.Column("service_at_location_id", sa.String(length=36), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("dtstart", sa.Date(), nullable=True),
        sa.Column("freq", sa.String(length=10), nullable=True),
        sa.Column("interval", sa.Integer(), nullable=True),
        sa.Column("byday", sa.String(length=40), nullable=True),
        sa.Column("bymonthday", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("opens_at", sa.Time(), nullable=True),
        sa.Column("closes_at", sa.Time(), nullable=True),
        sa.Column("schedule_link", sa.String(length=500), nullable=True),
        sa.Column("attending_type", sa.String(length=255), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("is_exception", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("closed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("freq IS NULL OR freq IN ('WEEKLY', 'MONTHLY')", name="ck_schedules_freq"),
        sa.ForeignKeyConstraint(["service_at_location_id"], ["service_at_locations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("schedules", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_schedules_service_at_location_id"), ["service_at_location_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_schedules_service_id"), ["service_id"], unique=False)

    op.create_table(
        "languages",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=True),
        sa.Column("phone_id", sa.String(length=36), nullable=True),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["phone_id"], ["phones.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("service_id", "code", name="uq_languages_service_code"),
    )
    with op.batch_alter_table("languages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_languages_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_languages_phone_id"), ["phone_id"], unique=False)


def downgrade():
    with op.batch_alter_table("languages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_languages_phone_id"))
        batch_op.drop_index(batch_op.f("ix_languages_code"))

    op.drop_table("languages")
    with op.batch_alter_table("schedules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_schedules_service_id"))
        batch_op.drop_index(batch_op.f("ix_schedules_service_at_location_id"))

    op.drop_table("schedules")
    with op.batch_alter_table("phones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phones_contact_id"))

    op.drop_table("phones")
    with op.batch_alter_table("service_attributes", schema=None) as batch_op:
        batch_op.drop_index("ix_service_attributes_term_service")

    op.drop_table("service_attributes")
    with op.batch_alter_table("service_at_locations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_at_locations_location_id"))

    op.drop_table("service_at_locations")
    with op.batch_alter_table("service_areas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_areas_service_id"))

    op.drop_table("service_areas")
    with op.batch_alter_table("cost_options", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cost_options_service_id"))

    op.drop_table("cost_options")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_service_id"))
        batch_op.drop_index(batch_op.f("ix_contacts_organization_id"))

    op.drop_table("contacts")
    with op.batch_alter_table("adviser_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_adviser_notes_service_id"))
        batch_op.drop_index(batch_op.f("ix_adviser_notes_author_id"))

    op.drop_table("adviser_notes")
    with op.batch_alter_table("addresses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_addresses_postal_code"))
        batch_op.drop_index(batch_op.f("ix_addresses_location_id"))

    op.drop_table("addresses")
    with op.batch_alter_table("accessibility", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accessibility_location_id"))

    op.drop_table("accessibility")
    with op.batch_alter_table("taxonomy_terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_taxonomy_terms_taxonomy_id"))

    op.drop_table("taxonomy_terms")
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_services_synthetic"))
        batch_op.drop_index(batch_op.f("ix_services_status"))
        batch_op.drop_index(batch_op.f("ix_services_organization_id"))
        batch_op.drop_index(batch_op.f("ix_services_name"))
        batch_op.drop_index(batch_op.f("ix_services_last_modified"))
        batch_op.drop_index(batch_op.f("ix_services_assured_date"))

    op.drop_table("services")
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_locations_synthetic"))
        batch_op.drop_index(batch_op.f("ix_locations_organization_id"))
        batch_op.drop_index("ix_locations_latitude_longitude")

    op.drop_table("locations")
    op.drop_table("taxonomies")
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organizations_synthetic"))
        batch_op.drop_index(batch_op.f("ix_organizations_parent_organization_id"))
        batch_op.drop_index(batch_op.f("ix_organizations_name"))
        batch_op.drop_index(batch_op.f("ix_organizations_last_modified"))

    op.drop_table("organizations")
    op.drop_table("directory_translations")
