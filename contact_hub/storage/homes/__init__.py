"""Tables for the property register and Awaab's Law hazard cases."""
