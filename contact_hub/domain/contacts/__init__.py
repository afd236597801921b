"""A resident's contact, pure: the words we send back, SMS parts, email threading, readable
references and reasonable adjustments."""
