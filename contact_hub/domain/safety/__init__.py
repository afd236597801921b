"""The safety question: when the router is unsure whether a contact is an emergency, the
resident is asked "is anyone in danger?" on their own channel. This package owns the pure
rules (what the question says, in which language, how a reply reads, what each answer or a
timeout leads to); services/safety runs them."""
