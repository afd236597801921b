"""Emergency alerts, pure: an alert's state, the escalation policy and next step, who is
on call (the rota), whether anyone can be paged, and the words on-call staff and residents see."""
