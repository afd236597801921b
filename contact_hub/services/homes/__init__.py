"""The property register: import from the housing management system, the API's view of
properties and tenancies, and who and where each contact comes from."""
