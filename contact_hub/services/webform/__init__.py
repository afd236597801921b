"""The public web form (/contact) as a channel: abuse limits, uploads checked by their
content and staged for the media job, then the same intake as every other channel."""
