"""The reports API: the annual complaints report (JSON, CSV, printable HTML, PDF), the
landlord's written parts of it, and the learning recorded on complaint cases."""
