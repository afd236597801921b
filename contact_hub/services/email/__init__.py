"""Email in and out: intake from Microsoft Graph or Exchange (EWS), reply headers, the
Graph subscription and the EWS folder sync."""
