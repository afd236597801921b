"""Repairs API: list, show, change priority, complete."""
