"""Who may do what: one set of roles and permissions for people signed in to the pages
and for API tokens alike. Pure."""
