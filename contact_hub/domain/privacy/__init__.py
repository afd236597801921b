"""Personal data rules, pure: retention periods, what anonymising removes, masking for logs."""
