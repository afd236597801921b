"""The property register over the JSON API, with its OpenAPI paths and JSON shapes."""
