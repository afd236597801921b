"""Repairs: service standards (target times by priority) and work orders."""
