"""Awaab's Law hazard cases over the JSON API, with their OpenAPI paths."""
