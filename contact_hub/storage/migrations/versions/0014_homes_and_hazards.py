"""homes and hazards: the property register (properties, tenancies, household members and
their phones and emails), where each contact comes from, and Awaab's Law hazard cases with
their clocks and notices

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('properties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=50), nullable=False),
    sa.Column('uprn', sa.String(length=12), nullable=True),
    sa.Column('address_line_1', sa.String(length=200), nullable=False),
    sa.Column('address_line_2', sa.String(length=200), nullable=True),
    sa.Column('town', sa.String(length=100), nullable=True),
    sa.Column('postcode', sa.String(length=8), nullable=False),
    sa.Column('postcode_key', sa.String(length=7), nullable=False),
    sa.Column('building_id', sa.String(length=100), nullable=True),
    sa.Column('higher_risk', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['building_id'], ['buildings.id'], name=op.f('fk_properties_building_id_buildings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_properties')),
    sa.UniqueConstraint('reference', name=op.f('uq_properties_reference')),
    sa.UniqueConstraint('uprn', name=op.f('uq_properties_uprn'))
    )
    with op.batch_alter_table('properties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_properties_building_id'), ['building_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_properties_postcode_key'), ['postcode_key'], unique=False)

    op.create_table('hazard_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('hazard', sa.String(length=60), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('property_id', sa.Integer(), nullable=True),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('aware_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deadlines', sa.JSON(), nullable=False),
    sa.Column('findings', sa.Text(), nullable=True),
    sa.Column('alternative_accommodation', sa.Text(), nullable=True),
    sa.Column('next_due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('retain_until', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_hazard_cases_customer_id_customers')),
    sa.ForeignKeyConstraint(['property_id'], ['properties.id'], name=op.f('fk_hazard_cases_property_id_properties')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hazard_cases')),
    sa.UniqueConstraint('reference', name=op.f('uq_hazard_cases_reference'))
    )
    with op.batch_alter_table('hazard_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hazard_cases_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hazard_cases_property_id'), ['property_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hazard_cases_status'), ['status'], unique=False)
        batch_op.create_index('ix_hazard_cases_status_next_due', ['status', 'next_due_at'], unique=False)

    op.create_table('tenancies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=50), nullable=False),
    sa.Column('property_id', sa.Integer(), nullable=False),
    sa.Column('tenure', sa.String(length=40), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['property_id'], ['properties.id'], name=op.f('fk_tenancies_property_id_properties')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tenancies')),
    sa.UniqueConstraint('reference', name=op.f('uq_tenancies_reference'))
    )
    with op.batch_alter_table('tenancies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tenancies_property_id'), ['property_id'], unique=False)

    op.create_table('hazard_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('deadline', sa.String(length=40), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('error', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['hazard_cases.id'], name=op.f('fk_hazard_notices_case_id_hazard_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hazard_notices')),
    sa.UniqueConstraint('key', name=op.f('uq_hazard_notices_key'))
    )
    with op.batch_alter_table('hazard_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hazard_notices_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hazard_notices_status'), ['status'], unique=False)

    op.create_table('household_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenancy_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('phones', sa.JSON(), nullable=False),
    sa.Column('emails', sa.JSON(), nullable=False),
    sa.Column('vulnerabilities', sa.JSON(), nullable=False),
    sa.Column('reasonable_adjustments', sa.JSON(), nullable=False),
    sa.Column('current', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenancy_id'], ['tenancies.id'], name=op.f('fk_household_members_tenancy_id_tenancies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household_members')),
    sa.UniqueConstraint('tenancy_id', 'name_key', name='uq_household_members_tenancy_name')
    )
    op.create_table('member_addresses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('value', sa.String(length=320), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['household_members.id'], name=op.f('fk_member_addresses_member_id_household_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_addresses'))
    )
    with op.batch_alter_table('member_addresses', schema=None) as batch_op:
        batch_op.create_index('ix_member_addresses_kind_value', ['kind', 'value'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_addresses_member_id'), ['member_id'], unique=False)

    op.create_table('hazard_case_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['hazard_cases.id'], name=op.f('fk_hazard_case_contacts_case_id_hazard_cases')),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_hazard_case_contacts_contact_id_contacts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hazard_case_contacts')),
    sa.UniqueConstraint('contact_id', name=op.f('uq_hazard_case_contacts_contact_id'))
    )
    with op.batch_alter_table('hazard_case_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hazard_case_contacts_case_id'), ['case_id'], unique=False)

    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('property_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('household_member_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('property_suggestion', sa.JSON(), nullable=True))
        batch_op.create_index(batch_op.f('ix_contacts_property_id'), ['property_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_contacts_property_id_properties'), 'properties', ['property_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_contacts_household_member_id_household_members'), 'household_members', ['household_member_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_contacts_household_member_id_household_members'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_contacts_property_id_properties'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_contacts_property_id'))
        batch_op.drop_column('property_suggestion')
        batch_op.drop_column('household_member_id')
        batch_op.drop_column('property_id')

    with op.batch_alter_table('hazard_case_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hazard_case_contacts_case_id'))

    op.drop_table('hazard_case_contacts')
    with op.batch_alter_table('member_addresses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_addresses_member_id'))
        batch_op.drop_index('ix_member_addresses_kind_value')

    op.drop_table('member_addresses')
    op.drop_table('household_members')
    with op.batch_alter_table('hazard_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hazard_notices_status'))
        batch_op.drop_index(batch_op.f('ix_hazard_notices_case_id'))

    op.drop_table('hazard_notices')
    with op.batch_alter_table('tenancies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tenancies_property_id'))

    op.drop_table('tenancies')
    with op.batch_alter_table('hazard_cases', schema=None) as batch_op:
        batch_op.drop_index('ix_hazard_cases_status_next_due')
        batch_op.drop_index(batch_op.f('ix_hazard_cases_status'))
        batch_op.drop_index(batch_op.f('ix_hazard_cases_property_id'))
        batch_op.drop_index(batch_op.f('ix_hazard_cases_customer_id'))

    op.drop_table('hazard_cases')
    with op.batch_alter_table('properties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_properties_postcode_key'))
        batch_op.drop_index(batch_op.f('ix_properties_building_id'))

    op.drop_table('properties')
