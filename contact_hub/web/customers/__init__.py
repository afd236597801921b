"""Residents' records over the JSON API, with their OpenAPI paths."""
