"""24/7 emergency escalation: alerts opened and stepped up the chain, the on-call rota as
loaded, alert records and the Slack card kept in step."""
