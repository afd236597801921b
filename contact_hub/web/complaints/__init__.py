"""Complaint cases over the JSON API: body parsing, views and OpenAPI paths."""
