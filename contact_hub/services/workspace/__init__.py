"""The contact-centre agents' work and what the staff pages read (plain dataclasses)."""
