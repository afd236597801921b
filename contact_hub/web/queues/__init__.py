"""Agents' queues over the JSON API, with their OpenAPI paths."""
