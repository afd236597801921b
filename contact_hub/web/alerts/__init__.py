"""Emergency alerts and the on-call rota over the JSON API, their metrics and OpenAPI paths."""
