"""The admin API: API tokens and the access audit, with their OpenAPI paths."""
