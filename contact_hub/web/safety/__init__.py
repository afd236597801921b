"""Staff views of safety questions: the "check now" list in the API."""
