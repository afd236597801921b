"""Storage of safety questions: one row per contact asked, its deadline and its answer."""
