"""Tables and queries for emergency alerts; the step job's row lock lives here."""
