"""Providers' webhooks (Twilio SMS and voice, paging calls, Meta, Graph, Slack): verify the
signature, parse, one service call, answer in the provider's format."""
